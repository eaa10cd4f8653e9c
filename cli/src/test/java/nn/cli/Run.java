package nn.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the nn command line in-process and captures what it printed. */
record Run(int code, String out, String err) {
    static final Path CONFIGS = Path.of("..", "configs");
    static final Path DATA = Path.of("..", "data");

    static Run of(String... args) {
        return nn(args);
    }

    static Run nn(String... args) {
        return nnWithStdin("", args);
    }

    static Run nnWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Nn.commandLine(new Nn().stdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String config(String name) {
        return CONFIGS.resolve(name).toString();
    }
}
