package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a data file is said on stderr, with its size and time (the log goes to the real stderr: a JVM of its own). */
class LoadingLineTest {
    private static String stderr(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "nn.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        return err;
    }

    @Test
    void trainSaysWhatItLoaded() throws Exception {
        String err = stderr("train", Run.config("iris.yaml"), "--no-checkpoint", "--summary", "none", "training.epochs=1");
        assertTrue(err.lines().findFirst().orElse("").matches("loading .*iris\\.csv: 150 rows × 5 columns \\(\\d+\\.\\d\\d s\\)"), err);
        assertFalse(stderr("train", Run.config("iris.yaml"), "--no-checkpoint", "--summary", "none", "training.epochs=1", "-q")
                .contains("loading"), "-q prints warnings and errors only");
    }
}
