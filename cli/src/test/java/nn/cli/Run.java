package nn.cli;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * nn run in a JVM of its own ({@code java JVM_OPTIONS -cp <this class path> nn.cli.Main ARGS}): for what an
     * in-process run cannot show, such as the kernel chosen at start-up, the log on the real stderr, or the heap.
     */
    static Run jvm(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "nn.cli.Main"));
        cmd.addAll(List.of(args));
        File out = File.createTempFile("nn-out", ".txt"), err = File.createTempFile("nn-err", ".txt");
        try {
            int code = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start().waitFor();
            return new Run(code, Files.readString(out.toPath()), Files.readString(err.toPath()));
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }

    static String config(String name) {
        return CONFIGS.resolve(name).toString();
    }
}
