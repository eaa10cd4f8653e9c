package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nn.core.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** configs/fashion-mnist.yaml on the IDX files Debian installs (skipped where they are not installed). */
class FashionMnistTest {
    private static final Path TRAIN = Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");

    @Test
    void oneEpochOnDebiansIdxFilesReachesTheBenchmarksAccuracy() {
        Assumptions.assumeTrue(Files.exists(TRAIN), "apt-get install dataset-fashion-mnist");
        Run r = Run.nn("train", Run.config("fashion-mnist.yaml"), "--no-checkpoint", "--summary", "json", "-q");
        assertEquals(0, r.code(), r.err());
        Map<?, ?> test = (Map<?, ?>) ((Map<?, ?>) Json.read(r.out())).get("test");
        double accuracy = Json.real(test.get("test_accuracy"));
        assertTrue(accuracy > 0.78 && accuracy < 0.9, "test accuracy after one epoch: " + accuracy + " (B3's peers: about 0.8)");
    }

    @Test
    void aMissingDatasetFileSaysWhichPackageHasIt() {
        Run r = Run.nn("train", Run.config("fashion-mnist.yaml"), "--no-checkpoint",
                "data.train.idx.images=/usr/share/datasets/fashion-mnist-missing/train-images-idx3-ubyte.gz");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("train-images-idx3-ubyte.gz: no such file (Debian installs these files: apt-get install "
                + "dataset-fashion-mnist-missing)"), r.err());
    }
}
