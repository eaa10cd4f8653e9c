package dev.nn.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin as a user loads it: nn's shaded jar ({@code cli/target/nn.jar}, built earlier in the same reactor) in a
 * JVM of its own, so that this module's classes reach nn only through {@code --plugins <this module's jar>}, never
 * through a class path. Run by failsafe after {@code package} ({@code mvn verify}); the paths come from the pom.
 */
class ExamplePluginIT {
    private static final String CONFIG = "examples/plugin/config.yaml";
    private static Path root, nnJar, pluginJar;

    @BeforeAll
    static void paths() throws IOException {
        root = Path.of(System.getProperty("nn.root")).toRealPath();
        nnJar = Path.of(System.getProperty("nn.jar"));
        pluginJar = Path.of(System.getProperty("plugin.jar")).toRealPath();
        assertTrue(Files.isRegularFile(nnJar), () -> nnJar + " is missing: build nn first (mvn verify from the root builds cli before this module)");
    }

    /** A finished nn run: its exit code, stdout, and stderr without the JVM's line about the incubator module. */
    record Run(int code, String out, List<String> err) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout: " + out + "\nstderr:\n" + String.join("\n", err);
        }
    }

    /** {@code java --add-modules jdk.incubator.vector -jar nn.jar ARGS} in the project root, as ./nn runs it. */
    private static Run nn(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-jar", nnJar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.environment().remove("NN_PLUGIN_PATH"); // only what each test names
        Path out = Files.createTempFile("nn-it-", ".out"), err = Files.createTempFile("nn-it-", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close(); // no standard input
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("nn " + String.join(" ", args) + ": still running after 120 s");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Files.readAllLines(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        lines.removeIf(l -> l.equals("WARNING: Using incubator modules: jdk.incubator.vector"));
        return new Run(p.exitValue(), stdout, lines);
    }

    /** JSON is YAML: nn's --format json and --summary json read with the SnakeYAML that nn-core brings. */
    private static Object json(String text) {
        return new org.yaml.snakeyaml.Yaml().load(text);
    }

    @Test
    void gradCheckPassesWithThePlugin() throws Exception {
        Run r = nn("grad", CONFIG, "--check", "--plugins", pluginJar.toString());
        assertEquals(0, r.code(), r::toString);
        String[] rows = r.out().split("\n");
        assertTrue(rows.length > 100, r::toString); // a row per parameter: 139 of them
        for (int i = 1; i < rows.length; i++) assertTrue(rows[i].endsWith("\ttrue"), rows[i]);
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainsWithThePluginGivenAfterTheCommand() throws Exception {
        Run r = nn("train", CONFIG, "--plugins", pluginJar.toString(), "--no-checkpoint", "--summary", "json", "-q");
        assertEquals(0, r.code(), r::toString);
        Map<String, Object> summary = (Map<String, Object>) json(r.out());
        assertEquals(40, summary.get("epochs_run"), r::toString);
        for (String at : List.of("final", "best")) {
            Map<String, Object> m = (Map<String, Object>) summary.get(at);
            for (String key : List.of("train_loss", "val_loss")) {
                double loss = ((Number) m.get(key)).doubleValue();
                assertTrue(Double.isFinite(loss) && loss > 0, () -> at + "." + key + " = " + loss + "\n" + r);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void pluginsListsTheThreeProvidersWithTheirJar() throws Exception {
        Run r = nn("plugins", "--plugins", pluginJar.toString(), "--format", "json");
        assertEquals(0, r.code(), r::toString);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) json(r.out());
        for (List<String> kindName : List.of(List.of("activation", "swish"), List.of("optimizer", "lion"), List.of("layer", "residual_dense"))) {
            List<Map<String, Object>> found = rows.stream().filter(row -> kindName.get(1).equals(row.get("name"))).toList();
            assertTrue(!found.isEmpty(), () -> kindName + " not listed:\n" + r.out());
            for (Map<String, Object> row : found) {
                assertEquals(kindName.get(0), row.get("kind"), row::toString);
                assertEquals(pluginJar, Path.of((String) row.get("origin")).toRealPath(), row::toString);
            }
        }
        assertTrue(rows.stream().anyMatch(row -> "relu".equals(row.get("name")) && "built-in".equals(row.get("origin"))), r::out);
    }

    /**
     * Without the jar the config is bad input: exit 2, nothing on stdout, one located line naming a provider it needs
     * and, since the jar lies under the config's folder (target/), the --plugins that would load it.
     */
    @Test
    void withoutThePluginTheConfigFailsNamingTheMissingProvider() throws Exception {
        Run r = nn("train", CONFIG, "--no-checkpoint");
        assertEquals(2, r.code(), r::toString);
        assertEquals("", r.out(), r::toString);
        assertEquals(1, r.err().size(), r::toString);
        String line = r.err().get(0);
        assertTrue(line.startsWith("nn: " + CONFIG + ":"), line);
        assertTrue(line.matches(".*unknown providers: optimizer 'lion' .*activation 'swish' .*layer 'residual_dense' .*"), line);
        assertTrue(line.contains("--plugins examples/plugin/target/" + pluginJar.getFileName()), line);
    }
}
