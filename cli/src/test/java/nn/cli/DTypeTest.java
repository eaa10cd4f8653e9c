package nn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nn.core.Json;
import nn.core.spi.Loss;
import nn.core.tensor.DType;
import nn.core.tensor.Parallel;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Network;
import nn.core.train.Plugins;
import nn.core.train.Trainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dtype}: training in either type gives the same bits for 1, 2 and 3 threads; float32 stays within float32
 * rounding of float64; gradients ({@code nn grad}) are float64 whatever the config says.
 */
class DTypeTest {
    private static final Plugins PLUGINS = Plugins.load(DTypeTest.class.getClassLoader());

    @AfterEach
    void oneThreadAgain() {
        Parallel.threads(1);
    }

    /** digits with a first layer wide enough that its products are split over threads; the trained parameters. */
    private static Trained train(String dtype, int threads, String... more) {
        List<String> overrides = new ArrayList<>(List.of("dtype=" + dtype, "training.threads=" + threads,
                "training.epochs=2", "training.batch_size=256", "model.layers[0].units=520"));
        overrides.addAll(List.of(more));
        Config c = Config.load(Path.of(Run.config("digits.yaml")), overrides, PLUGINS);
        Experiment e = Experiment.prepare(c, System.in);
        Trainer t = new Trainer(e);
        t.run(new Trainer.Listener() {}, () -> {});
        return new Trained(e.network().flatValues(), t.history().row(t.history().size() - 1));
    }

    private record Trained(double[] params, Map<String, Double> last) {}

    @ParameterizedTest
    @ValueSource(strings = {"float64", "float32"})
    void trainingGivesTheSameBitsForAnyThreadCount(String dtype) {
        Trained one = train(dtype, 1);
        assertTrue((long) 256 * 64 * 520 >= 1 << 23, "the first layer's products must be large enough to split (Parallel.MIN_WORK)");
        for (int threads : new int[] {2, 3}) {
            Trained many = train(dtype, threads);
            assertArrayEquals(one.params(), many.params(), dtype + " with " + threads + " threads");
            assertEquals(one.last(), many.last(), dtype + " metrics with " + threads + " threads");
        }
    }

    @Test
    void float32TrainsWithinFloat32RoundingOfFloat64() {
        Trained f64 = train("float64", 1), f32 = train("float32", 1);
        assertNotEquals(f64.last().get("train_loss"), f32.last().get("train_loss"), "float32 ran in float64");
        for (String k : List.of("train_loss", "val_loss")) {
            double a = f64.last().get(k), b = f32.last().get(k);
            assertEquals(a, b, 1e-4 * Math.abs(a), k);
        }
        double worst = 0;
        for (int i = 0; i < f64.params().length; i++) worst = Math.max(worst, Math.abs(f64.params()[i] - f32.params()[i]));
        assertTrue(worst < 1e-4, "largest parameter difference after two epochs: " + worst);
    }

    @Test
    void aFloat32NetworksGradientsAreFloat64sRounded() {
        Config c = Config.load(Path.of(Run.config("digits.yaml")), List.of("dtype=float32"), PLUGINS);
        Experiment e = Experiment.prepare(c, System.in);
        Network net = e.network();
        assertEquals(DType.FLOAT32, net.dtype());
        int n = 50;
        double[] x = java.util.Arrays.copyOf(e.train().x(), n * net.nin()), t = java.util.Arrays.copyOf(e.train().y(), n * net.nout());
        double[][] grads = new double[2][];
        for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            net.dtype(d);
            net.zeroGrad();
            Loss loss = e.loss();
            double[] y = net.forward(x, n, false);
            loss.gradient(y, t, net.outputGrad(), n, net.nout());
            net.backward(n);
            List<Double> g = new ArrayList<>();
            for (Network.Named p : net.named()) for (double v : p.p().grad()) g.add(v);
            grads[d.ordinal()] = g.stream().mapToDouble(Double::doubleValue).toArray();
        }
        double scale = 0;
        for (double v : grads[0]) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < grads[0].length; i++) {
            assertEquals(grads[0][i], grads[1][i], 1e-5 * scale, "gradient element " + i);
        }
        assertNotEquals(0.0, java.util.Arrays.stream(grads[1]).map(Math::abs).sum(), "no gradient at all");
    }

    /**
     * Dropout has no float32 code of its own: it runs through the Layer SPI's widening fallback. With the same seed
     * both types draw the same masks, so float32 training follows float64 within float32 rounding.
     */
    @Test
    void aLayerWithoutAFloat32PathTrainsThroughTheFallback() {
        List<String> dropout = List.of("training.epochs=300", "training.batch_size=4", "model.layers=[{units: 8, activation: tanh},"
                + " {type: dropout, rate: 0.25}, {units: 1, activation: sigmoid}]");
        double[] loss = new double[2];
        for (String dtype : new String[] {"float64", "float32"}) {
            List<String> o = new ArrayList<>(dropout);
            o.add("dtype=" + dtype);
            Experiment e = Experiment.prepare(Config.load(Path.of(Run.config("xor.yaml")), o, PLUGINS), System.in);
            Trainer t = new Trainer(e);
            t.run(new Trainer.Listener() {}, () -> {});
            loss[dtype.equals("float64") ? 0 : 1] = t.history().row(t.history().size() - 1).get("train_loss");
        }
        assertNotEquals(loss[0], loss[1], "float32 ran in float64");
        assertEquals(loss[0], loss[1], 1e-4 * loss[0], "final train_loss, float64 vs float32");
    }

    @Test
    void gradIsFloat64WhateverTheConfigSays() {
        Run f64 = Run.nn("grad", Run.config("seed.yaml"), "--of", "output", "--check");
        Run f32 = Run.nn("grad", Run.config("seed.yaml"), "dtype=float32", "--of", "output", "--check");
        assertEquals(0, f32.code(), f32.err());
        assertEquals(f64.out(), f32.out());
    }

    @Test
    void theSummaryNamesTheTypeAndTheKernel() {
        Run r = Run.nn("train", Run.config("xor.yaml"), "dtype=float32", "training.epochs=2", "--no-checkpoint", "--summary", "json", "-q");
        assertEquals(0, r.code(), r.err());
        Map<?, ?> s = (Map<?, ?>) Json.read(r.out());
        assertEquals("float32", s.get("dtype"));
        assertEquals(DType.FLOAT32.kernel(), s.get("kernel"));
    }

    @Test
    void anUnknownDtypeIsBadInputNamingTheChoices() {
        Run r = Run.nn("train", Run.config("xor.yaml"), "dtype=float16", "--no-checkpoint");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("dtype: unknown dtype 'float16'") && r.err().contains("float32") && r.err().contains("float64"), r.err());
    }
}
