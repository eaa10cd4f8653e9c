package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a data file is said on stderr, with its size and time (the log goes to the real stderr: a JVM of its own). */
class LoadingLineTest {
    private static String stderr(String... args) throws Exception {
        Run r = Run.jvm(List.of(), args);
        assertEquals(0, r.code(), r.err());
        return r.err();
    }

    @Test
    void trainSaysWhatItLoaded() throws Exception {
        String err = stderr("train", Run.config("iris.yaml"), "--no-checkpoint", "--summary", "none", "training.epochs=1");
        assertTrue(err.lines().findFirst().orElse("").matches("loading .*iris\\.csv: 150 rows × 5 columns \\(\\d+\\.\\d\\d s\\)"), err);
        assertFalse(stderr("train", Run.config("iris.yaml"), "--no-checkpoint", "--summary", "none", "training.epochs=1", "-q")
                .contains("loading"), "-q prints warnings and errors only");
    }
}
