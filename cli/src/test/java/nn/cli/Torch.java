package nn.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nn.core.Json;
import org.junit.jupiter.api.Assumptions;

/**
 * A python process running a torch script that answers one JSON line per JSON line asked, for the cross-check tests:
 * torch is imported once per test class. Absent torch, the test class is skipped (an assumption), not failed.
 */
final class Torch implements AutoCloseable {
    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    private final Path script;
    private final Process python;
    private final BufferedReader answers;
    private final Writer questions;

    private Torch(Path script) throws IOException {
        this.script = script;
        python = new ProcessBuilder(PYTHON, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        answers = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        questions = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** The script started, once python3 imports torch here; otherwise the caller's tests are skipped. */
    static Torch start(Path script) throws Exception {
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        }
        Assumptions.assumeTrue(ok, "python3 with torch is not installed");
        return new Torch(script);
    }

    /** The script's answer to spec. */
    Map<?, ?> ask(Map<String, Object> spec) throws IOException {
        questions.write(Json.write(spec) + "\n");
        questions.flush();
        String line = answers.readLine();
        assertTrue(line != null, script.getFileName() + " stopped (see its error above)");
        return (Map<?, ?>) Json.read(line);
    }

    @Override
    public void close() throws Exception {
        questions.close();
        if (!python.waitFor(30, TimeUnit.SECONDS)) python.destroyForcibly();
    }
}
