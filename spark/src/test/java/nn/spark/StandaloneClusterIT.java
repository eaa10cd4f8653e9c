package nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/** A job on a real standalone cluster: its tasks are shipped to, and run in, two executor JVMs. */
class StandaloneClusterIT {

    @Test
    void runsAJobOnTwoExecutors(@TempDir Path tmp) throws Exception {
        // the driver logs through SLF4J into nn's logback (the argLine chooses it), which sc.setLogLevel (log4j's) leaves alone
        ((Logger) LoggerFactory.getLogger("org.apache")).setLevel(Level.WARN);
        try (StandaloneCluster cluster = StandaloneCluster.start(2)) {
            SparkConf conf = new SparkConf().setMaster(cluster.masterUrl()).setAppName("StandaloneClusterIT")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.ui.enabled", "false")
                    .set("spark.executor.memory", "512m")
                    // executors deserialize this test's lambdas, so they need its classes
                    .set("spark.jars", testClassesJar(tmp).toString())
                    // start the job only once both executors have registered, or the first one may run every task
                    .set("spark.cores.max", "2")
                    .set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                    .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s");
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                List<Tuple2<Integer, String>> out = sc.parallelize(IntStream.range(0, 100).boxed().toList(), 4)
                        .map(i -> new Tuple2<>(i * i, SparkEnv.get().executorId()))
                        .collect();

                assertEquals(IntStream.range(0, 100).map(i -> i * i).boxed().toList(), out.stream().map(Tuple2::_1).toList());
                Set<String> executors = out.stream().map(Tuple2::_2).collect(Collectors.toSet());
                assertEquals(2, executors.size(), () -> "executors " + executors + "; logs in " + cluster.logs());
            }
        }
    }

    /** target/test-classes as a jar, for spark.jars. */
    private static Path testClassesJar(Path dir) throws IOException {
        Path classes = Path.of("target", "test-classes");
        Path jar = dir.resolve("test-classes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
