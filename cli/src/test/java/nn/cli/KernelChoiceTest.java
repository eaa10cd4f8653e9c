package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import nn.core.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernel is chosen when the JVM starts, so each choice runs in a JVM of its own: the Vector API kernel (with
 * jdk.incubator.vector), the portable one (-Dnn.kernel=scalar) and the JVM without the module at all train digits to
 * the same bits, in both number types.
 */
class KernelChoiceTest {
    private static Map<?, ?> train(String dtype, String... jvm) throws IOException, InterruptedException {
        Run r = Run.jvm(List.of(jvm), "train", Run.config("digits.yaml"), "dtype=" + dtype, "training.epochs=2",
                "training.batch_size=64", "model.layers[0].units=96", "--no-checkpoint", "--summary", "json", "-q");
        assertEquals(0, r.code(), r.err());
        return (Map<?, ?>) Json.read(r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"float64", "float32"})
    void everyKernelTrainsToTheSameBits(String dtype) throws Exception {
        Map<?, ?> vector = train(dtype, "--add-modules", "jdk.incubator.vector");
        Map<?, ?> scalar = train(dtype, "--add-modules", "jdk.incubator.vector", "-Dnn.kernel=scalar");
        Map<?, ?> plainJvm = train(dtype);
        assertNotEquals(vector.get("kernel"), scalar.get("kernel"));
        assertEquals(scalar.get("kernel"), plainJvm.get("kernel"));
        for (String k : List.of("final", "test")) {
            assertEquals(vector.get(k), scalar.get(k), k + ": " + vector.get("kernel") + " vs " + scalar.get("kernel"));
            assertEquals(vector.get(k), plainJvm.get(k), k + " without the module");
        }
    }
}
