package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import nn.core.BadInputException;
import nn.core.explain.Explain;
import nn.core.explain.ParamRef;
import nn.core.spi.Buffer;
import nn.core.spi.Layer;
import nn.core.spi.Parameter;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Gradients;
import nn.core.train.Network;
import nn.core.train.Plugins;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nn grad --explain through layers that are not dense (batch_norm with running statistics of its own, layer_norm,
 * dropout): always the delta form, whose total is backprop's gradient for every weight and bias of a dense layer;
 * a parameter of the other layers is refused in one line.
 */
class ExplainNormTest {
    private static final String[] NORMS = {"{type: batch_norm}", "{type: layer_norm}", "{type: dropout, rate: 0.3}",
            "{type: batch_norm, affine: false}", "{type: layer_norm, eps: 0.1}"};

    /** Dense layers of 1–3 units (tanh, sigmoid, identity) with a normalisation or dropout after each but the last; 3 rows. */
    private static Path randomConfig(Path dir, long seed) throws Exception {
        Random rnd = new Random(seed);
        String[] acts = {"sigmoid", "tanh", "identity"};
        int nin = 1 + rnd.nextInt(3), depth = 2 + rnd.nextInt(2), nout = 0;
        StringBuilder y = new StringBuilder("seed: " + seed + "\nmodel:\n  inputs: " + nin + "\n  layers:\n");
        for (int i = 0; i < depth; i++) {
            nout = 1 + rnd.nextInt(3);
            y.append("    - {units: ").append(nout).append(", activation: ").append(acts[rnd.nextInt(acts.length)])
                    .append(", weights: {init: normal, std: 1.0}, bias: {init: normal, std: 1.0}}\n");
            if (i < depth - 1) y.append("    - ").append(NORMS[rnd.nextInt(NORMS.length)]).append('\n');
        }
        y.append("loss: mse\ndata:\n  train:\n    inline: [");
        for (int r = 0; r < 3; r++) {
            y.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < nin + nout; c++) y.append(c == 0 ? "" : ", ").append(rnd.nextGaussian());
            y.append("]");
        }
        y.append("]\n");
        Path f = dir.resolve("random" + seed + ".yaml");
        Files.writeString(f, y.toString());
        return f;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void explainTotalsEqualBackpropThroughNormalisations(long seed, @TempDir Path dir) throws Exception {
        Config c = Config.load(randomConfig(dir, seed), List.of(), Plugins.load(getClass().getClassLoader()));
        Experiment e = Experiment.prepare(c, System.in);
        Network net = e.network();
        Random rnd = new Random(seed + 100);
        for (Layer l : net.layers()) { // a trained normalisation: γ, β, and running statistics away from 1, 0
            if (l.activation() != null) continue;
            for (Parameter p : l.parameters()) for (int i = 0; i < p.size(); i++) p.data()[i] += rnd.nextGaussian() * 0.5;
            for (Buffer b : l.buffers()) {
                for (int i = 0; i < b.size(); i++) b.data()[i] = b.name().equals("running_var") ? 0.3 + rnd.nextDouble() : rnd.nextGaussian();
            }
        }
        double[] x = new double[net.nin()];
        System.arraycopy(e.train().x(), 0, x, 0, net.nin());
        List<Gradients.Target> targets = List.of(new Gradients.OfOutput(x, (int) (seed % net.nout())),
                new Gradients.OfLoss(e.loss(), e.train().x(), e.train().y(), e.train().n()));
        double[] buffers = net.flatBuffers();
        for (Gradients.Target t : targets) {
            Gradients.backprop(net, t);
            List<Gradients.Row> rows = Gradients.rows(net);
            List<ParamRef> refs = ParamRef.all(net);
            for (int i = 0; i < rows.size(); i++) {
                ParamRef ref = refs.get(i);
                if (net.layers().get(ref.layer()).activation() == null) {
                    BadInputException no = assertThrows(BadInputException.class, () -> Explain.of(net, t, ref.name(), 64));
                    assertTrue(no.getMessage().contains("not to a dense layer"), no.getMessage());
                    continue;
                }
                Explain ex = Explain.of(net, t, ref.name(), 64);
                boolean behindANorm = ref.layer() < net.layers().size() - 1;
                assertEquals(!behindANorm, ex.byPaths(), "delta form exactly when a layer that is not dense lies between " + ref.name() + " and the output");
                double want = rows.get(i).grad(), got = ex.total();
                assertTrue(Math.abs(got - want) <= 1e-12 * Math.max(Math.abs(got), Math.abs(want)) + 1e-300,
                        "seed " + seed + " " + t.getClass().getSimpleName() + " " + rows.get(i).name() + ": explain " + got + " vs backprop " + want);
            }
            List<Gradients.Row> again = Gradients.rows(net);
            for (int i = 0; i < rows.size(); i++) assertEquals(rows.get(i).grad(), again.get(i).grad(), "explain left the gradients as backprop set them");
        }
        assertTrue(java.util.Arrays.equals(buffers, net.flatBuffers()), "explain and grad leave the running statistics alone");
    }
}
