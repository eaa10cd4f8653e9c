package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** External provider jars (issue 13): loaded by --plugins or plugins:, and every way a jar can be wrong said in one line. */
class PluginLoadingTest {
    private static final String SPI = "nn.core.spi.ActivationProvider";

    /** A config whose hidden layer uses the activation named act. */
    private static Path config(Path dir, String act, String extra) throws Exception {
        Path c = dir.resolve("c.yaml");
        Files.writeString(c, "name: p\nseed: 1\n" + extra + "model:\n  inputs: 2\n  layers:\n    - {units: 3, activation: " + act + "}\n"
                + "    - {units: 1, activation: identity}\nloss: mse\ntraining: {epochs: 2, batch_size: 2}\n"
                + "data: {train: {inline: [[0, 1, 1], [1, 0, 1], [1, 1, 0], [0, 0, 0]]}}\n");
        return c;
    }

    private static Path jar(Path dir, String name, String cls, String act, String constructor, int version) throws Exception {
        return PluginJar.build(dir, name, Map.of("acme." + cls, PluginJar.linear("acme", cls, act, 2, 1, constructor)), Map.of(SPI, "acme." + cls), version);
    }

    @Test
    void aJarOnPluginsProvidesItsActivationAndPluginsNamesTheJar(@TempDir Path dir) throws Exception {
        Path jar = jar(dir, "double", "Double", "double_it", "", 0);
        Path c = config(dir, "double_it", "");
        Run r = Run.nn("grad", c.toString(), "--check", "--plugins", jar.toString());
        assertEquals(0, r.code(), r.err());
        Run list = Run.nn("plugins", "--format", "tsv", "--plugins", jar.toString());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("activation\tdouble_it\t") && l.endsWith("acme.Double\t" + jar + "\t")), list.out());
    }

    @Test
    void aConfigLoadsItsOwnPluginsRelativeToItself(@TempDir Path dir) throws Exception {
        jar(dir, "double", "Double", "double_it", "", 0);
        Run r = Run.nn("train", config(dir, "double_it", "plugins: [double.jar]\n").toString(), "--no-checkpoint", "-q", "--summary", "none");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void withoutThePluginTheConfigNamesTheJarThatProvidesIt(@TempDir Path dir) throws Exception {
        Path jar = jar(dir, "double", "Double", "double_it", "", 0);
        Path c = config(dir, "double_it", "");
        Run r = Run.nn("train", c.toString(), "--no-checkpoint");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("nn: " + c + ":6:30: model.layers[0].activation: unknown activation 'double_it'"), r.err());
        assertTrue(r.err().contains(jar + " provides 'double_it': load it with --plugins " + jar), r.err());
    }

    @Test
    void aMissingJarOrAFileThatIsNotAJarIsOneLine(@TempDir Path dir) throws Exception {
        Run missing = Run.nn("plugins", "--plugins", dir.resolve("nope.jar").toString());
        assertEquals(2, missing.code());
        assertEquals("nn: --plugins " + dir.resolve("nope.jar") + ": no such file or folder\n", missing.err());
        Path text = Files.writeString(dir.resolve("text.jar"), "not a zip");
        Run notJar = Run.nn("plugins", "--plugins", text.toString());
        assertEquals(2, notJar.code());
        assertTrue(notJar.err().startsWith("nn: --plugins " + text + ": not a jar file ("), notJar.err());
    }

    @Test
    void aProviderForANewerJavaOrWithAThrowingConstructorIsNamedWhenAskedForAndHarmlessOtherwise(@TempDir Path dir) throws Exception {
        Path newer = jar(dir, "newer", "Newer", "newer_act", "", 69);
        Path throwing = jar(dir, "throwing", "Throwing", "throwing_act", "throw new IllegalStateException(\"no licence\");", 0);
        // a command that does not need them works
        Run ok = Run.nn("train", Run.config("xor.yaml"), "--no-checkpoint", "-q", "--summary", "none", "training.epochs=1",
                "--plugins", newer.toString(), "--plugins", throwing.toString());
        assertEquals(0, ok.code(), ok.err());
        Run asked = Run.nn("train", config(dir, "newer_act", "").toString(), "--no-checkpoint", "--plugins", newer.toString());
        assertEquals(2, asked.code());
        assertEquals(1, asked.err().lines().count(), asked.err());
        assertTrue(asked.err().contains("not loaded: " + newer + ": acme.Newer: compiled for a newer Java (class file version 69.0); this is Java "),
                asked.err());
        Run list = Run.nn("plugins", "--plugins", throwing.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("NOT LOADED: " + throwing + ": acme.Throwing: its constructor threw java.lang.IllegalStateException: no licence"),
                list.out());
    }

    @Test
    void twoProvidersOfOneNameAreAmbiguousUntilOneIsNamedByItsClass(@TempDir Path dir) throws Exception {
        Path a = jar(dir, "a", "A", "twin", "", 0), b = jar(dir, "b", "B", "twin", "", 0);
        Run r = Run.nn("train", config(dir, "twin", "").toString(), "--no-checkpoint", "--plugins", a.toString(), "--plugins", b.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("two activations are named 'twin': acme.A (" + a + ") and acme.B (" + b + "); name one by its class"), r.err());
        Run chosen = Run.nn("train", config(dir, "acme.B", "").toString(), "--no-checkpoint", "-q", "--summary", "none",
                "--plugins", a.toString(), "--plugins", b.toString());
        assertEquals(0, chosen.code(), chosen.err());
    }

    @Test
    void aBuiltInNameTakenByAJarIsAmbiguousToo(@TempDir Path dir) throws Exception {
        Path jar = jar(dir, "tanh", "Tanh", "tanh", "", 0);
        Run r = Run.nn("train", config(dir, "tanh", "").toString(), "--no-checkpoint", "--plugins", jar.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("two activations are named 'tanh': nn.plugins.activation.TanhProvider (built-in) and acme.Tanh (" + jar + ")"), r.err());
    }
}
