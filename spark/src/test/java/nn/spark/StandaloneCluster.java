package nn.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1 for integration tests: one master and N one-core workers, each its own JVM,
 * started from the jars of this module's Spark closure (no Spark distribution). Logs go to
 * {@code target/cluster-logs/<timestamp>/}, with the executors' logs under {@code work/}.
 *
 * <p>The closure is {@code target/spark-classpath.txt} (relative to the module, the tests' working directory) or the class path
 * in the system property {@code nn.spark.classpath}.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path home;
    private final Path logs;
    private final String masterUrl;
    private Process master;
    private final List<Process> workers = new ArrayList<>();

    private StandaloneCluster(Path home, Path logs, String masterUrl) {
        this.home = home;
        this.logs = logs;
        this.masterUrl = masterUrl;
    }

    static StandaloneCluster start(int workers) throws IOException, InterruptedException {
        Path logs = Files.createDirectories(Path.of("target", "cluster-logs",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")))).toAbsolutePath();
        List<Path> closure = closure();
        int port = freePort(), webUi = freePort();
        StandaloneCluster cluster = new StandaloneCluster(Files.createTempDirectory("spark-home"), logs, "spark://127.0.0.1:" + port);
        try {
            // the worker starts executors with $SPARK_HOME/jars/* as their class path; the master and workers run from it too
            Path jars = Files.createDirectories(cluster.home.resolve("jars"));
            for (Path jar : closure) Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            // the REST submission server would bind the fixed port 6066, which two clusters (or a real one) cannot share
            cluster.master = cluster.launch("master", List.of("-Dspark.master.rest.enabled=false"),
                    "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + port, "--webui-port", "" + webUi);
            for (int i = 1; i <= workers; i++) {
                // executors' stdout/stderr go to the work dir: keep them with the logs rather than in the deleted SPARK_HOME
                cluster.workers.add(cluster.launch("worker-" + i, List.of(), "org.apache.spark.deploy.worker.Worker",
                        "--cores", "1", "--memory", "1g", "--host", "127.0.0.1", "--webui-port", "" + freePort(),
                        "--work-dir", logs.resolve("work").toString(), cluster.masterUrl));
            }
            cluster.awaitWorkers(webUi, workers);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    Path logs() {
        return logs;
    }

    /** Stops the workers with their executors, then the master, and deletes the temporary SPARK_HOME. */
    @Override
    public void close() throws InterruptedException, IOException {
        List<ProcessHandle> stopped = new ArrayList<>();
        for (Process worker : workers) {
            // executors are children of their worker; taken before the worker goes, or they would be orphaned
            worker.descendants().forEach(stopped::add);
            stopped.add(worker.toHandle());
        }
        if (master != null) stopped.add(master.toHandle());
        for (ProcessHandle p : stopped) p.destroy();
        for (ProcessHandle p : stopped) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
                p.onExit().join();
            }
        }
        // the jars are symbolic links: walking does not follow them, so this deletes the links, not the local repository
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private Process launch(String name, List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", home.resolve("jars") + "/*", mainClass));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_HOME", home.toString());
        // set by a distribution's scripts; without it the worker's launcher looks for a source build and fails to start executors
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        // executors are launched with $JAVA_HOME/bin/java: the JDK of the tests, not whatever java is on the PATH
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    private void awaitWorkers(int webUi, int expected) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest json = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUi + "/json/")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        int alive = 0;
        while (System.nanoTime() < deadline) {
            if (!master.isAlive() || workers.stream().anyMatch(w -> !w.isAlive())) throw failure("a cluster process exited");
            try {
                Matcher m = ALIVE_WORKERS.matcher(http.send(json, HttpResponse.BodyHandlers.ofString()).body());
                if (m.find() && (alive = Integer.parseInt(m.group(1))) >= expected) return;
            } catch (IOException notYetUp) {
                // the master's web UI is not listening yet
            }
            Thread.sleep(250);
        }
        throw failure(alive + " of " + expected + " workers alive after " + STARTUP.toSeconds() + " s");
    }

    private IllegalStateException failure(String what) throws IOException {
        StringBuilder message = new StringBuilder(what).append(" (logs in ").append(logs).append(')');
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                message.append("\n--- ").append(log.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
        }
        return new IllegalStateException(message.toString());
    }

    /** The Spark jars, one per file name. */
    private static List<Path> closure() throws IOException {
        String cp = System.getProperty("nn.spark.classpath");
        if (cp == null) cp = Files.readString(Path.of("target", "spark-classpath.txt")).strip();
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) jars.putIfAbsent(Path.of(entry).getFileName().toString(), Path.of(entry).toAbsolutePath());
        }
        // spark-classpath.txt holds the artifacts whose scope is provided; Spark's dependencies that nn also uses (slf4j-api,
        // snakeyaml) are compile scope there, so they are missing from it: take them from the test's own class path
        for (Class<?> c : List.of(org.slf4j.Logger.class, org.yaml.snakeyaml.Yaml.class)) {
            Path jar = jarOf(c);
            jars.putIfAbsent(jar.getFileName().toString(), jar);
        }
        return List.copyOf(jars.values());
    }

    private static Path jarOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
