package nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nn.core.checkpoint.CheckpointFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * nn on a standalone Spark cluster of one master and two one-core workers on 127.0.0.1 (two executor JVMs that get
 * nn from the thin jar over the network, as on a real cluster): sharded training and a sweep give the bits and the
 * table of the local engine.
 */
class SparkClusterIT {
    private static StandaloneCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        ((Logger) LoggerFactory.getLogger("org.apache")).setLevel(Level.WARN);
        cluster = StandaloneCluster.start(2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    /** --engine spark on the cluster: nn's thin jar for the executors, both executors up before the first job. */
    private static List<String> onCluster() {
        return List.of("--engine", "spark", "--master", cluster.masterUrl(), "--conf", "spark.jars=" + Path.of("target", "nn-spark.jar").toAbsolutePath(),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.executor.memory=512m", "--conf", "spark.cores.max=2",
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0", "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=60s");
    }

    @Test
    void fourShardsOnTwoExecutorsGiveTheBitsOfFourShardsHere(@TempDir Path tmp) {
        List<String> args = new ArrayList<>(List.of("train", Nn.config("iris-sgd.yaml"), "training.shards=4", "training.epochs=3", "--summary", "none", "-q"));
        List<String> local = new ArrayList<>(args);
        local.addAll(List.of("--checkpoint-dir", tmp.resolve("local").toString()));
        Nn.ok(local.toArray(String[]::new));
        List<String> spark = new ArrayList<>(args);
        spark.addAll(List.of("--checkpoint-dir", tmp.resolve("spark").toString(), "--partitions", "4"));
        spark.addAll(onCluster());
        Nn.ok(spark.toArray(String[]::new));
        Nn.assertSameBits(CheckpointFile.read(tmp.resolve("local").resolve("last.ckpt")), CheckpointFile.read(tmp.resolve("spark").resolve("last.ckpt")));
    }

    @Test
    void aSweepOnTwoExecutorsPrintsTheLocalTable(@TempDir Path tmp) {
        List<String> args = new ArrayList<>(List.of("sweep", Nn.config("iris.yaml"), "optimizer.learning_rate=0.01,0.05", "training.epochs=3", "-q",
                "--format", "tsv"));
        List<String> local = new ArrayList<>(args);
        local.addAll(List.of("--dir", tmp.resolve("local").toString()));
        List<String> spark = new ArrayList<>(args);
        spark.addAll(List.of("--dir", tmp.resolve("spark").toString()));
        spark.addAll(onCluster());
        assertEquals(Nn.ok(local.toArray(String[]::new)).out(), Nn.ok(spark.toArray(String[]::new)).out());
    }
}
