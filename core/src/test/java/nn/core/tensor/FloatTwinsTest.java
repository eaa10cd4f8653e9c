package nn.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The float32 kernels are generated from the float64 ones (tools/FloatTwins.java), so the maths lives in one place.
 * This test fails when a twin has drifted from its template: edit the template, then run
 * {@code java tools/FloatTwins.java}.
 */
class FloatTwinsTest {
    @Test
    void everyTwinIsItsTemplateInFloat() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "tools/FloatTwins.java", "--check").directory(Path.of("..").toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }
}
