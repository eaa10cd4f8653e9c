package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import nn.core.Json;
import nn.core.spi.Loss;
import nn.core.tensor.DType;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Gradients;
import nn.core.train.Network;
import nn.core.train.Objective;
import nn.core.train.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cross_entropy after softmax and binary_cross_entropy after sigmoid are computed on the logits, as PyTorch's
 * CrossEntropyLoss and BCEWithLogitsLoss: at a logit gap of 1000 (configs/logit-gap.yaml, logit-gap-sigmoid.yaml),
 * where the probabilities round to exactly 0 and 1, training runs (no exit 3), the loss is the exact 1000 and falls by
 * the closed-form step, and nn grad gives the closed form, which central differences confirm. At moderate logits the
 * fused computation equals the one through the probabilities to 1e-12.
 */
class LogitGapTest {
    private static final Plugins PLUGINS = Plugins.load(LogitGapTest.class.getClassLoader());

    /** Epoch e's loss is 1000 − step·(e − 1) while the output is certain of the wrong answer (see the configs). */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"logit-gap.yaml, float64, 2", "logit-gap.yaml, float32, 2",
            "logit-gap-sigmoid.yaml, float64, 1", "logit-gap-sigmoid.yaml, float32, 1"})
    void trainsWithTheExactLossWhereTheProbabilitiesAreZero(String config, String dtype, double step) {
        for (int epochs : new int[] {1, 5}) {
            Run r = Run.nn("train", "--no-checkpoint", Run.config(config), "dtype=" + dtype, "training.epochs=" + epochs,
                    "--summary", "json", "-q");
            assertEquals(0, r.code(), r.err());
            assertEquals(1000 - step * (epochs - 1), TrainCommandTest.number(r.out(), "final.train_loss"), r.out());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"logit-gap.yaml, 600", "logit-gap-sigmoid.yaml, 1100"})
    void learnsTheRightAnswerFromAGapOf1000(String config, int epochs) {
        Run r = Run.nn("train", "--no-checkpoint", Run.config(config), "training.epochs=" + epochs, "--summary", "json", "-q");
        assertEquals(0, r.code(), r.err());
        assertEquals(1.0, TrainCommandTest.number(r.out(), "final.train_accuracy"), r.out());
        assertTrue(TrainCommandTest.number(r.out(), "final.train_loss") < 0.02, r.out());
    }

    /**
     * ∂L/∂z = softmax(z) − t = [1, 0] − [0, 1], and σ(z) − t = 0 − 1 (one row, x = 1): the weights' and biases'
     * gradients equal it exactly; --check compares them with central differences of the loss (exit 0: they agree).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {"logit-gap.yaml; 1, -1, 1, -1", "logit-gap-sigmoid.yaml; -1, -1"})
    void gradIsTheClosedFormAndCentralDifferencesAgree(String config, String expected) {
        Run r = Run.nn("grad", Run.config(config), "--check", "--format", "jsonl");
        assertEquals(0, r.code(), r.err() + r.out());
        List<Double> grads = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            Map<?, ?> row = (Map<?, ?>) Json.read(line);
            grads.add(Json.real(row.get("grad")));
            assertEquals(Boolean.TRUE, row.get("ok"), line);
            assertTrue(Math.abs(Json.real(row.get("numeric")) - Json.real(row.get("grad"))) < 1e-7, line);
        }
        List<Double> want = Stream.of(expected.split(",")).map(s -> Double.parseDouble(s.strip())).toList();
        assertEquals(want, grads);
    }

    static Stream<Object[]> randomNetworks() {
        List<String> losses = List.of("cross_entropy", "binary_cross_entropy");
        return IntStream.range(0, 24).mapToObj(i -> new Object[] {(long) i + 1, losses.get(i % 2)});
    }

    /**
     * TorchCrossCheckTest's random networks (softmax or sigmoid output, moderate logits): the loss and every
     * parameter's gradient computed on the logits equal those through the probabilities to 1e-12 relative, in
     * float64; in float32 the fused gradients are the float64 ones within float32 rounding.
     */
    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("randomNetworks")
    void fusedEqualsUnfusedAtModerateLogits(long seed, String lossName, @TempDir Path tmp) throws Exception {
        TorchCrossCheckTest.Case c = TorchCrossCheckTest.randomCase(seed, lossName);
        Path config = Files.writeString(tmp.resolve("c.yaml"), c.yaml());
        Experiment e = Experiment.prepare(Config.load(config, List.of(), PLUGINS), System.in);
        Network net = e.network();
        Loss loss = e.loss();
        double[] x = e.train().x(), t = e.train().y();
        int n = c.rows();
        assertTrue(Objective.of(net, loss).fused(), lossName + " after " + net.fusableActivation() + " is not fused");

        double fusedValue = Gradients.backprop(net, new Gradients.OfLoss(loss, x, t, n));
        double[] fused = grads(net);

        net.zeroGrad();
        double[] y = net.forward(x, n, false);
        double value = loss.value(y, t, n, net.nout());
        loss.gradient(y, t, net.outputGrad(), n, net.nout());
        net.backward(n);
        double[] unfused = grads(net);

        assertClose(value, fusedValue, "loss", c);
        for (int i = 0; i < fused.length; i++) assertClose(unfused[i], fused[i], "gradient element " + i, c);

        net.dtype(DType.FLOAT32);
        net.zeroGrad();
        Objective o = Objective.of(net, loss);
        double[] y32 = net.forward(x, n, false);
        double value32 = o.value(y32, t, n);
        o.backward(y32, t, n);
        double[] fused32 = grads(net);
        double scale = 0;
        for (double g : fused) scale = Math.max(scale, Math.abs(g));
        assertEquals(fusedValue, value32, 1e-5 * Math.max(1, Math.abs(fusedValue)), "float32 loss of\n" + c.yaml());
        for (int i = 0; i < fused.length; i++) {
            assertEquals(fused[i], fused32[i], 1e-4 * scale + 1e-30, "float32 gradient element " + i + " of\n" + c.yaml());
        }
    }

    private static double[] grads(Network net) {
        return Gradients.elements(net).stream().mapToDouble(Gradients.Element::grad).toArray();
    }

    private static void assertClose(double unfused, double fused, String what, TorchCrossCheckTest.Case c) {
        assertTrue(Math.abs(unfused - fused) <= 1e-12 * Math.max(Math.abs(unfused), Math.abs(fused)),
                what + ": on the logits " + fused + ", through the probabilities " + unfused + " of\n" + c.yaml());
    }

    /** The unfused path is what a network whose last layer keeps no z still takes: here, a dropout layer after it. */
    @Test
    void aLastLayerWithoutPreActivationKeepsTheLossOnTheProbabilities(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("c.yaml"), Files.readString(Path.of(Run.config("logit-gap.yaml")))
                .replace("bias: 0.0}", "bias: 0.0}\n    - {type: dropout, rate: 0.5}"));
        Experiment e = Experiment.prepare(Config.load(config, List.of(), PLUGINS), System.in);
        assertEquals(null, e.network().fusableActivation());
        assertTrue(!Objective.of(e.network(), e.loss()).fused());
        Run r = Run.nn("train", "--no-checkpoint", config.toString(), "--summary", "none", "-q");
        assertEquals(3, r.code(), "softmax's 0 with dropout after it: " + r.err());
    }
}
