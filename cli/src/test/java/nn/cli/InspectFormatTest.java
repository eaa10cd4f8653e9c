package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nn inspect: every --format works or is refused; the summary names the epoch whose weights the file holds. */
class InspectFormatTest {
    @Test
    void summaryAsTextOrJsonAndRowFormatsOnlyWithParams(@TempDir Path tmp) {
        CheckpointCommandsTest.ok("train", Run.config("iris.yaml"), "--checkpoint-dir", tmp.toString(), "--summary", "none", "-q");
        String ckpt = tmp.resolve("last.ckpt").toString();
        var json = CheckpointCommandsTest.ok("inspect", ckpt, "--format", "json");
        assertTrue(json.out().startsWith("{\"name\":\"iris\",") && json.out().contains("\"stopped_early\":true,\"weights_epoch\":95,"), json.out());
        var text = CheckpointCommandsTest.ok("inspect", ckpt);
        assertTrue(text.out().contains("weights_epoch  95\n") && text.out().contains("param          layers.0.weight [16, 4]\n"), text.out());
        for (String f : new String[] {"tsv", "csv", "jsonl"}) {
            Run r = Run.nn("inspect", ckpt, "--format", f);
            assertEquals(2, r.code());
            assertEquals("nn: --format " + f + ": the summary is text or json (tsv, csv and jsonl list the parameters: add --params)\n", r.err());
        }
        assertTrue(CheckpointCommandsTest.ok("inspect", ckpt, "--params", "--format", "csv").out().startsWith("param,name,value\n"));
        Run bad = Run.nn("inspect", ckpt, "--params", "--format", "text");
        assertEquals(2, bad.code());
        assertEquals("nn: --format text: with --params, expected tsv, csv, jsonl or json\n", bad.err());
    }
}
