package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A model too large for the heap is exit 2 and one line with the fix, not a JVM stack trace (a JVM with 64 MiB). */
class OutOfMemoryTest {
    @Test
    void runningOutOfHeapIsBadInputWithTheFix() throws Exception {
        Run r = Run.jvm(List.of("-Xmx64m"), "train", Run.config("iris.yaml"), "model.layers[0].units=100000000",
                "--no-checkpoint", "-q");
        String err = r.err();
        assertEquals(2, r.code(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("nn: out of memory: the data or the model needs more than the JVM's 64 MiB of heap")
                && err.contains("NN_JAVA_OPTS=-Xmx2g"), err);
    }
}
