package nn.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds a provider jar in a test: Java sources compiled against nn's class path, and META-INF/services files. */
final class PluginJar {
    private PluginJar() {}

    /**
     * dir/NAME.jar from sources (class name → source) and services (SPI interface name → provider class names,
     * one per line). classVersion, when not 0, is written over each class file's major version (a jar "compiled for
     * a newer Java").
     */
    static Path build(Path dir, String name, Map<String, String> sources, Map<String, String> services, int classVersion) throws IOException {
        Path src = Files.createDirectories(dir.resolve(name + "-src")), out = Files.createDirectories(dir.resolve(name + "-classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", out.toString(), "-cp", System.getProperty("java.class.path")));
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path f = src.resolve(s.getKey().replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, s.getValue());
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) throw new IllegalStateException("the test plugin does not compile");
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(out.relativize(f).toString().replace('\\', '/')));
                byte[] b = Files.readAllBytes(f);
                if (classVersion != 0) {
                    b[6] = (byte) (classVersion >> 8);
                    b[7] = (byte) classVersion;
                }
                j.write(b);
                j.closeEntry();
            }
            for (Map.Entry<String, String> s : services.entrySet()) {
                j.putNextEntry(new JarEntry("META-INF/services/" + s.getKey()));
                OutputStream o = j;
                o.write((s.getValue() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    /** The source of an element-wise activation provider named name, f = k·z (f' = k; deriv scales it, 1 for the right one). */
    static String linear(String pkg, String cls, String name, double k, double deriv, String constructorBody) {
        return "package " + pkg + ";\n"
                + "import nn.core.spi.*;\n"
                + "public final class " + cls + " implements ActivationProvider {\n"
                + "  public " + cls + "() { " + constructorBody + " }\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public String doc() { return \"f(z) = " + k + "·z\"; }\n"
                + "  public Activation create(Params p) { return new Activation() {\n"
                + "    public void forward(double[] z, double[] out, int rows, int cols) { for (int i = 0; i < rows * cols; i++) out[i] = " + k + " * z[i]; }\n"
                + "    public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {"
                + " for (int i = 0; i < rows * cols; i++) dz[i] = " + (k * deriv) + " * dout[i]; }\n"
                + "  }; }\n"
                + "}\n";
    }
}
