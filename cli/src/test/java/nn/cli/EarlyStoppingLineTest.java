package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Early stopping speaks: the table ends with the last and the best epoch, and one line says what happened. */
class EarlyStoppingLineTest {
    @Test
    void irisSaysWhenWhyAndWhoseWeights() throws Exception {
        Run r = Run.jvm(List.of(), "train", Run.config("iris.yaml"), "--no-checkpoint", "--summary", "none");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        int n = lines.size();
        assertTrue(lines.get(n - 3).startsWith("135\t"), lines.get(n - 3));
        assertTrue(lines.get(n - 2).startsWith("95\t") && lines.get(n - 2).endsWith("  (best)"), lines.get(n - 2));
        assertEquals("early stopping after epoch 135: val_loss has not improved by more than 0.0 for 40 epochs (patience 40);"
                + " restored the weights of epoch 95 (val_loss 0.0832279)", lines.get(n - 1));
    }
}
