package nn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One execution of the nn command line, with what it printed. */
record Run(int code, String out, String err) {
    static Run of(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Nn.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
