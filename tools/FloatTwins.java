import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the float32 twins of nn's float64 kernels (and of their test and JMH benchmark), so that their maths lives
 * in one place: each {@code FloatX.java} is {@code X.java} beside it with double → float, Double → Float,
 * DoubleVector → FloatVector and the class names prefixed with Float.
 *
 * <pre>
 *   java tools/FloatTwins.java           # regenerate every twin (after editing a template)
 *   java tools/FloatTwins.java --check   # exit 1 naming each twin that differs from its template (a test runs this)
 * </pre>
 */
public class FloatTwins {
    /** Each template's path from the project's root, without ".java"; its twin goes beside it. */
    static final List<String> TEMPLATES = List.of(
            "core/src/main/java/nn/core/tensor/Gemm",
            "core/src/main/java/nn/core/tensor/MicroKernel",
            "core/src/main/java/nn/core/tensor/ScalarKernel",
            "core/src/main/java/nn/core/tensor/VectorKernel",
            "core/src/main/java/nn/core/tensor/Kernels",
            "core/src/test/java/nn/core/tensor/GemmTest",
            "bench/jmh/src/main/java/nn/core/tensor/GemmBench");
    static final Pattern TYPES = Pattern.compile("\\b(DoubleVector|double|Double)\\b");
    static final Pattern NAMES = Pattern.compile("\\b(Gemm|MicroKernel|ScalarKernel|VectorKernel|Kernels)(Test|Bench)?\\b");

    /** The float32 twin of a float64 template's text. */
    static String twin(String template, String name) {
        Matcher m = TYPES.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, switch (m.group(1)) {
            case "DoubleVector" -> "FloatVector";
            case "double" -> "float";
            default -> "Float";
        });
        m.appendTail(out);
        String text = NAMES.matcher(out).replaceAll("Float$1$2");
        String note = "// GENERATED from " + name + ".java by tools/FloatTwins.java: edit the template, not this file.\n";
        return text.replaceFirst("(package [^;]+;\n)", "$1" + note);
    }

    public static void main(String[] args) throws IOException {
        boolean check = args.length > 0 && args[0].equals("--check");
        int stale = 0;
        for (String t : TEMPLATES) { // paths from the project's root, where this runs
            Path dir = Path.of(t.substring(0, t.lastIndexOf('/')));
            String name = t.substring(t.lastIndexOf('/') + 1);
            String want = twin(Files.readString(dir.resolve(name + ".java"), StandardCharsets.UTF_8), name);
            Path file = dir.resolve("Float" + name + ".java");
            boolean same = Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(want);
            if (same) continue;
            if (check) {
                System.err.println(file.normalize() + " differs from its template " + name + ".java: run java tools/FloatTwins.java");
                stale++;
            } else {
                Files.writeString(file, want, StandardCharsets.UTF_8);
                System.err.println("wrote " + file.normalize());
            }
        }
        System.exit(stale == 0 ? 0 : 1);
    }
}
