package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * nn train as a person sees it: run under a pseudo-terminal (util-linux {@code script}), its output played on a
 * small terminal emulator (carriage return, erase to end of line, newline), and the final screen read back. Every
 * epoch row of configs/digits.yaml must be on it, once, aligned under the header, with the progress bar gone.
 */
class TerminalScreenTest {
    @Test
    void everyEpochRowStaysOnTheScreenAlignedUnderTheHeader() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/script").canExecute(), "util-linux script is not installed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = String.join(" ", quote(java), "-Dnn.tty.err=1", "-Dnn.tty.out=1", "-cp", quote(System.getProperty("java.class.path")),
                "nn.cli.Main", "train", quote(Run.config("digits.yaml")), "--no-checkpoint", "--summary", "none", "--progress");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qec", cmd, "/dev/null");
        pb.environment().put("TERM", "xterm");
        pb.environment().put("COLUMNS", "120");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] raw = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        List<String> screen = play(new String(raw, StandardCharsets.UTF_8));
        assertEquals(0, p.exitValue(), String.join("\n", screen));
        int header = -1;
        for (int i = 0; i < screen.size(); i++) if (screen.get(i).trim().startsWith("epoch ")) header = i;
        assertTrue(header >= 0, "no header row on the screen:\n" + String.join("\n", screen));
        String head = screen.get(header);
        for (int epoch = 1; epoch <= 40; epoch++) {
            String row = screen.get(header + epoch);
            assertTrue(row.trim().startsWith(epoch + " "), "row " + epoch + " is '" + row + "' on the screen:\n" + String.join("\n", screen));
            assertEquals(head.length(), row.length(), "row " + epoch + " aligned with the header: '" + row + "' / '" + head + "'");
        }
        for (String line : screen) assertTrue(!line.contains("steps/s"), "the progress bar is still on the screen: " + line);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The lines left on a terminal after it shows text: \r goes to column 0, ESC[K erases to the end, \n starts a line. */
    static List<String> play(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int col = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                col = 0;
            } else if (c == '\n') {
                lines.add(line.toString());
                line.setLength(0);
                col = 0;
            } else if (c == '\033' && i + 2 < text.length() && text.charAt(i + 1) == '[') {
                int j = i + 2;
                while (j < text.length() && !Character.isLetter(text.charAt(j))) j++;
                if (j < text.length() && text.charAt(j) == 'K') line.setLength(Math.min(col, line.length()));
                i = j; // other sequences (colour, cursor moves) are not expected: nn writes none
            } else {
                if (col < line.length()) line.setCharAt(col, c);
                else line.append(c);
                col++;
            }
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }
}
