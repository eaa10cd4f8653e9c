package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import nn.core.Json;
import nn.core.config.Node;
import nn.core.config.Yaml;
import nn.core.spi.Buffer;
import nn.core.spi.Layer;
import nn.core.spi.Parameter;
import nn.core.train.Config;
import nn.core.train.Network;
import nn.core.train.Plugins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * batch_norm and layer_norm against torch.nn.BatchNorm1d and torch.nn.LayerNorm (src/test/resources/torch_norm_check.py),
 * in float64: the same weights, running statistics and batches give the same outputs, the same gradients of
 * Σ dout·y with respect to the input, the weight and the bias, and the same running statistics after each of three
 * training steps, and then the same in evaluation: each array within 1e-12 of its largest value, or of 1 when all its
 * values are smaller (inputs, dout and γ are of order 1, so the terms of every result are: layer_norm's dL/dx on two
 * features is a difference of such terms that nearly cancel, and can only be as exact as they are). Skipped where
 * python3 cannot import torch (Debian: apt-get install python3-torch).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TorchNormCrossCheckTest {
    private static final Path SCRIPT = Path.of("src", "test", "resources", "torch_norm_check.py");
    private static final double TOLERANCE = 1e-12;

    /** One python process for the whole class: torch is imported once. */
    private Torch python;
    private double worstAbs, worstRel;
    private String worstWhat = "";

    @BeforeAll
    void startTorch() throws Exception {
        python = Torch.start(SCRIPT);
    }

    @AfterAll
    void stopTorch() throws Exception {
        if (python == null) return;
        python.close();
        // the figures the report quotes: the largest difference from torch over every array of every case
        System.out.printf("torch norm cross-check: largest |nn - torch| %.3g, largest relative (to the array's largest value, at least 1) %.3g (%s)%n",
                worstAbs, worstRel, worstWhat);
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 24);
    }

    /** Cases alternate batch_norm (affine or not, momentum and eps varied) and layer_norm (likewise). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sameOutputsGradientsAndRunningStatisticsAsTorch(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        boolean batchNorm = seed % 2 == 1, affine = seed % 3 != 0;
        int width = 1 + r.nextInt(6);
        double momentum = List.of(0.1, 0.5, 0.0, 1.0, 0.25).get(r.nextInt(5)), eps = List.of(1e-5, 1e-3, 0.1).get(r.nextInt(3));
        String entry = batchNorm ? "{type: batch_norm, momentum: " + momentum + ", eps: " + eps + ", affine: " + affine + "}"
                : "{type: layer_norm, eps: " + eps + ", elementwise_affine: " + affine + "}";
        String yaml = "seed: " + seed + "\nmodel:\n  inputs: " + width + "\n  layers:\n    - " + entry + "\n";
        Network net = Config.of(Path.of("t.yaml"), (Node.Mapping) Yaml.parse(yaml, "t.yaml", 0), Plugins.load(getClass().getClassLoader())).network(-1);
        Layer layer = net.layers().get(0);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", batchNorm ? "batch_norm" : "layer_norm");
        spec.put("width", width);
        spec.put("momentum", momentum);
        spec.put("eps", eps);
        spec.put("affine", affine);
        for (Parameter p : layer.parameters()) { // γ around 1, β around 0, not the initial 1 and 0: every factor shows
            for (int j = 0; j < width; j++) p.data()[j] = (p.name().equals("weight") ? 1 : 0) + r.nextDouble() * 1.6 - 0.8;
            spec.put(p.name(), p.data().clone());
        }
        for (Buffer b : layer.buffers()) { // running statistics of an earlier training, as a resumed run has them
            for (int j = 0; j < width; j++) b.data()[j] = b.name().equals("running_var") ? 0.2 + 2 * r.nextDouble() : r.nextDouble() * 2 - 1;
            spec.put(b.name(), b.data().clone());
        }
        List<double[][]> batches = new ArrayList<>();
        List<Map<String, Object>> train = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            double[][] b = batch(r, 2 + r.nextInt(5), width);
            batches.add(b);
            train.add(Map.of("x", rows(b[0], width), "dout", rows(b[1], width)));
        }
        double[][] ev = batch(r, 1 + r.nextInt(5), width);
        spec.put("train", train);
        spec.put("eval", Map.of("x", rows(ev[0], width), "dout", rows(ev[1], width)));
        Map<?, ?> torch = python.ask(spec);
        List<?> steps = (List<?>) torch.get("train");
        for (int s = 0; s < 3; s++) {
            compare(layer, batches.get(s), true, (Map<?, ?>) steps.get(s), entry + " training step " + (s + 1));
        }
        compare(layer, ev, false, (Map<?, ?>) torch.get("eval"), entry + " evaluation");
    }

    /** x (n × width) spread around a random offset per feature, and dout; {x, dout}. */
    private static double[][] batch(SplittableRandom r, int n, int width) {
        double[] x = new double[n * width], dout = new double[n * width];
        for (int j = 0; j < width; j++) {
            double offset = r.nextDouble() * 4 - 2, spread = 0.5 + r.nextDouble() * 2;
            for (int k = 0; k < n; k++) x[k * width + j] = offset + spread * (r.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < dout.length; i++) dout[i] = r.nextDouble() * 2 - 1;
        return new double[][] {x, dout};
    }

    /** One step of the layer on {x, dout}: y, then dx and the parameters' gradients (zeroed first), against torch's answer. */
    private void compare(Layer layer, double[][] batch, boolean training, Map<?, ?> theirs, String what) {
        int width = layer.nin(), n = batch[0].length / width;
        layer.allocate(n);
        double[] out = new double[n * width], dx = new double[n * width];
        layer.forward(batch[0], out, n, training);
        for (Parameter p : layer.parameters()) p.zeroGrad();
        layer.backward(batch[0], out, batch[1].clone(), dx, n);
        close(flat(theirs.get("out")), out, what + ": y");
        close(flat(theirs.get("dx")), dx, what + ": dL/dx");
        for (Parameter p : layer.parameters()) close(flat(theirs.get("d" + p.name())), p.grad(), what + ": dL/d" + p.name());
        for (Buffer b : layer.buffers()) close(flat(theirs.get(b.name())), b.data(), what + ": " + b.name());
    }

    private void close(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0, diff = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
        }
        double rel = diff / Math.max(1, scale);
        if (diff > worstAbs) worstAbs = diff;
        if (rel > worstRel) {
            worstRel = rel;
            worstWhat = what;
        }
        assertTrue(diff <= TOLERANCE * Math.max(1, scale), what + ": torch " + java.util.Arrays.toString(expected) + ", nn "
                + java.util.Arrays.toString(actual) + " (largest difference " + diff + ")");
    }

    private static List<List<Double>> rows(double[] a, int width) {
        List<List<Double>> out = new ArrayList<>();
        for (int i = 0; i < a.length; i += width) {
            List<Double> row = new ArrayList<>();
            for (int j = 0; j < width; j++) row.add(a[i + j]);
            out.add(row);
        }
        return out;
    }

    private static double[] flat(Object o) {
        List<Double> out = new ArrayList<>();
        for (Object e : (List<?>) o) {
            if (e instanceof List<?> row) for (Object v : row) out.add(Json.real(v));
            else out.add(Json.real(e));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

}
