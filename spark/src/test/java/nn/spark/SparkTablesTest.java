package nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training rows read through Spark (parquet:, csv: … spark: true) stay on the executors, shard i mod S as nn
 * assigns them: the same bits for any number of partitions, and, where the normaliser is exact (none, minmax),
 * the bits of nn train reading the same rows from a CSV file itself.
 */
class SparkTablesTest {
    @TempDir
    static Path tmp;
    private static Path parquet;

    /** iris.csv written as Parquet by Spark (numbers as doubles, the species as text). */
    @BeforeAll
    static void writeParquet() {
        parquet = tmp.resolve("iris.parquet");
        SparkSession spark = SparkSession.builder().master("local[1]").appName("SparkTablesTest").config("spark.ui.enabled", "false").getOrCreate();
        try {
            spark.read().option("header", "true").option("inferSchema", "true").csv(Path.of("..", "data", "iris.csv").toAbsolutePath().toString())
                    .coalesce(1).write().parquet(parquet.toString());
        } finally {
            spark.stop();
        }
    }

    /** A config training on source (a YAML flow mapping) with normalize, 4 shards, batches of 16, 5 epochs. */
    private static Path config(String name, String source, String normalize) throws Exception {
        Path c = tmp.resolve(name + ".yaml");
        Files.writeString(c, """
                name: %s
                seed: 7
                model:
                  layers:
                    - {units: 8, activation: tanh}
                    - {units: 3, activation: softmax}
                loss: cross_entropy
                optimizer: {type: adam, learning_rate: 0.01}
                training: {epochs: 5, batch_size: 16, shards: 4}
                data:
                  train: %s
                """.formatted(name, source.replace("}", ", normalize: " + normalize + "}")));
        return c;
    }

    private static Checkpoint train(Path config, Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", config.toString(), "--checkpoint-dir", dir.toString(), "--summary", "none", "-q"));
        args.addAll(List.of(extra));
        Nn.ok(args.toArray(String[]::new));
        return CheckpointFile.read(dir.resolve("last.ckpt"));
    }

    private static String[] spark(String partitions) {
        return new String[] {"--engine", "spark", "--master", "local[2]", "--partitions", partitions};
    }

    @ParameterizedTest(name = "normalize: {0}")
    @ValueSource(strings = {"none", "minmax"})
    void parquetOnSparkGivesTheBitsOfTheCsvReadHere(String normalize) throws Exception {
        String csv = Path.of("..", "data", "iris.csv").toAbsolutePath().toString();
        Checkpoint here = train(config("here-" + normalize, "{csv: " + csv + ", target: species}", normalize), tmp.resolve("here-" + normalize));
        Checkpoint there = train(config("there-" + normalize, "{parquet: " + parquet + ", target: species}", normalize), tmp.resolve("there-" + normalize),
                spark("2"));
        Nn.assertSameBits(here, there);
    }

    /** Standard normalisation from per-shard sums added in shard order: the same bits for 1, 2 and 4 partitions, and from CSV read by Spark. */
    @Test
    void theSameBitsForAnyPartitionsAndEitherFormat() throws Exception {
        Path p = config("standard", "{parquet: " + parquet + ", target: species}", "standard");
        Checkpoint one = train(p, tmp.resolve("p1"), spark("1"));
        Nn.assertSameBits(one, train(p, tmp.resolve("p2"), spark("2")));
        Nn.assertSameBits(one, train(p, tmp.resolve("p4"), spark("4")));
        String csv = Path.of("..", "data", "iris.csv").toAbsolutePath().toUri().toString();
        Nn.assertSameBits(one, train(config("standard-csv", "{csv: " + csv + ", target: species, spark: true}", "standard"), tmp.resolve("csv"), spark("3")));
    }

    @Test
    void aColumnTheTableLacksIsOneLine() throws Exception {
        Nn r = Nn.run("train", config("nocol", "{parquet: " + parquet + ", target: kind}", "none").toString(), "--no-checkpoint", "--engine", "spark",
                "--master", "local[2]");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no column 'kind'") && r.err().contains("species"), r.err());
    }

    @Test
    void aValueThatIsNotANumberIsNamedWithItsRow() throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "a,b,y\n1,2,x\n3,oops,y\n5,6,x\n");
        Nn r = Nn.run("train", config("bad", "{csv: " + bad + ", target: y, spark: true}", "none").toString(), "training.batch_size=4",
                "model.layers[1].units=2", "--no-checkpoint", "--engine", "spark", "--master", "local[2]");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("row 2") && r.err().contains("'oops' is not a number"), r.err());
    }

    @Test
    void withoutSparkTheSourceNamesTheEngine() throws Exception {
        Nn r = Nn.run("train", config("local", "{parquet: " + parquet + ", target: species}", "none").toString(), "--no-checkpoint");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--engine spark"), r.err());
    }
}
