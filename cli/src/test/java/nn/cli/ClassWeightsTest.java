package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * loss.class_weights: PyTorch's CrossEntropyLoss(weight=w) with class-index targets, the weighted mean
 * Σ w_c·(−log p_c) / Σ w_c, worked by hand on three rows (classes a, a, b) whose outputs are all softmax(0, ln 2) =
 * (1/3, 2/3): the first epoch's training loss is the loss at the initial weights.
 */
class ClassWeightsTest {
    private static double trainLoss(Path dir, String weights) throws Exception {
        Files.writeString(dir.resolve("d.csv"), "x,label\n1,a\n2,a\n3,b\n");
        Path c = dir.resolve("w.yaml");
        Files.writeString(c, """
                name: w
                model:
                  layers:
                    - {units: 2, activation: softmax, weights: 0, bias: [0, 0.6931471805599453]}
                loss: {type: cross_entropy%s}
                optimizer: {type: sgd, learning_rate: 0.1}
                training: {epochs: 1, batch_size: 3, shuffle: false}
                data:
                  train: {csv: d.csv, target: label, normalize: none}
                """.formatted(weights));
        Run r = Run.nn("train", c.toString(), "--no-checkpoint", "--summary", "json", "-q");
        assertEquals(0, r.code(), r.err());
        return TrainCommandTest.number(r.out(), "final.train_loss");
    }

    @Test
    void explicitWeightsGiveTheWeightedMean(@TempDir Path dir) throws Exception {
        double want = (2 * Math.log(3) + 3 * Math.log(1.5)) / 5;
        assertEquals(want, trainLoss(dir, ", class_weights: {b: 3}"), 1e-12 * want);
    }

    @Test
    void balancedIsScikitLearnsNOverKTimesCount(@TempDir Path dir) throws Exception {
        double want = (Math.log(3) + Math.log(1.5)) / 2; // w_a = 3/(2·2), w_b = 3/(2·1)
        assertEquals(want, trainLoss(dir, ", class_weights: balanced"), 1e-12 * want);
        double plain = (2 * Math.log(3) + Math.log(1.5)) / 3;
        assertEquals(plain, trainLoss(dir, ""), 1e-12 * plain);
    }

    /** The weighted gradients agree with central differences of the weighted loss (nn grad --check exits 1 if not). */
    @Test
    void weightedGradientsPassTheFiniteDifferenceCheck(@TempDir Path dir) throws Exception {
        trainLoss(dir, ", class_weights: {b: 3}");
        Run g = Run.nn("grad", dir.resolve("w.yaml").toString(), "--check");
        assertEquals(0, g.code(), g.out() + g.err());
        Run plain = Run.nn("grad", dir.resolve("w.yaml").toString(), "loss={type: cross_entropy}", "--check");
        assertEquals(0, plain.code(), plain.err());
        assertTrue(!plain.out().equals(g.out()), "the weights change the gradients");
    }

    /** PyTorch itself, where python3 imports torch: CrossEntropyLoss(weight=[1, 3]) on the same logits and targets. */
    @Test
    void equalsTorchsWeightedCrossEntropy(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        boolean torch = Files.isExecutable(python)
                && new ProcessBuilder(python.toString(), "-c", "import torch").redirectErrorStream(true).start().waitFor() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(torch, "python3 with torch is not installed");
        Process p = new ProcessBuilder(python.toString(), "-c", "import torch, math\n"
                + "z = torch.tensor([[0.0, math.log(2)]] * 3, dtype=torch.float64)\n"
                + "print(repr(torch.nn.CrossEntropyLoss(weight=torch.tensor([1.0, 3.0], dtype=torch.float64))(z, torch.tensor([0, 0, 1])).item()))")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), out);
        double want = Double.parseDouble(out);
        assertEquals(want, trainLoss(dir, ", class_weights: {b: 3}"), 1e-12 * want);
    }

    @Test
    void anUnknownClassIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("d.csv"), "x,label\n1,a\n2,b\n");
        Path c = dir.resolve("bad.yaml");
        Files.writeString(c, "name: bad\nmodel: {layers: [{units: 2, activation: softmax}]}\nloss: {type: cross_entropy, class_weights: {c: 2}}\n"
                + "data: {train: {csv: d.csv, target: label}}\n");
        Run r = Run.nn("train", c.toString(), "--no-checkpoint", "-q");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("loss.class_weights: no class 'c' (the classes are a, b)"), r.err());
    }
}
