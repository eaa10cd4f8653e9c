package nn.spark;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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

    /** Every array of two checkpoints, their epochs, steps and histories, to the bit. */
    static void assertSameBits(Checkpoint x, Checkpoint y) {
        nn.core.contract.SameBits.assertSameBits(x, y);
    }
}
