package nn.spark;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import nn.core.checkpoint.Checkpoint;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** nn's command line in-process, for the Spark tests, and the comparisons they make. */
record Nn(int code, String out, String err) {
    static final String CONFIGS = Path.of("..", "configs").toString();

    static Nn run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = nn.cli.Nn.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Nn(code, out.toString(), err.toString());
    }

    /** Runs args and asserts exit 0. */
    static Nn ok(String... args) {
        Nn r = run(args);
        assertEquals(0, r.code(), () -> "nn " + String.join(" ", args) + " exited " + r.code() + ": " + r.err());
        return r;
    }

    static String config(String name) {
        return Path.of(CONFIGS, name).toString();
    }

    /** Every array of two checkpoints (parameters, optimizer state, best weights, …), their steps and history, to the bit. */
    static void assertSameBits(Checkpoint x, Checkpoint y) {
        assertEquals(x.arrays().keySet(), y.arrays().keySet());
        for (Map.Entry<String, ?> e : x.arrays().entrySet()) {
            String k = e.getKey();
            double[] a = x.arrays().get(k).data(), b = y.arrays().get(k).data();
            assertEquals(a.length, b.length, k);
            for (int i = 0; i < a.length; i++) {
                int at = i;
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), () -> k + "[" + at + "]: " + a[at] + " and " + b[at]);
            }
        }
        assertEquals(x.epoch(), y.epoch());
        assertEquals(x.steps(), y.steps());
        assertEquals(x.history(), y.history());
    }
}
