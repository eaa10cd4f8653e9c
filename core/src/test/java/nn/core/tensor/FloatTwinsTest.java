package nn.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The float32 kernels are generated from the float64 ones, so the maths lives in one place: each
 * {@code FloatX.java} is {@code X.java} with double → float, Double → Float, DoubleVector → FloatVector and the
 * class names prefixed. This test fails when a twin has drifted from its template; to regenerate every twin after
 * editing a template: {@code mvn -q -o -pl core test -Dtest=FloatTwinsTest -Dnn.twins.write=true}.
 */
class FloatTwinsTest {
    static final Pattern TYPES = Pattern.compile("\\b(DoubleVector|double|Double)\\b");
    static final Pattern NAMES = Pattern.compile("\\b(Gemm|MicroKernel|ScalarKernel|VectorKernel|Kernels)(Test)?\\b");

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
        String note = "// GENERATED from " + name + ".java by FloatTwinsTest: edit the template, not this file.\n";
        return text.replaceFirst("(package [^;]+;\n)", "$1" + note);
    }

    @ParameterizedTest
    @ValueSource(strings = {"main/Gemm", "main/MicroKernel", "main/ScalarKernel", "main/VectorKernel", "main/Kernels", "test/GemmTest"})
    void everyTwinIsItsTemplateInFloat(String which) throws IOException {
        String tree = which.substring(0, which.indexOf('/')), name = which.substring(which.indexOf('/') + 1);
        Path dir = Path.of("src", tree, "java", "nn", "core", "tensor");
        String want = twin(Files.readString(dir.resolve(name + ".java"), StandardCharsets.UTF_8), name);
        Path twinFile = dir.resolve("Float" + name + ".java");
        if (Boolean.getBoolean("nn.twins.write")) Files.writeString(twinFile, want, StandardCharsets.UTF_8);
        String have = Files.exists(twinFile) ? Files.readString(twinFile, StandardCharsets.UTF_8) : "";
        assertEquals(want, have, twinFile + " differs from its template " + name
                + ".java: run mvn -q -o -pl core test -Dtest=FloatTwinsTest -Dnn.twins.write=true");
    }
}
