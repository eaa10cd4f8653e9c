package nn.core.explain;

import java.util.ArrayList;
import java.util.List;
import nn.core.train.Gradients;
import nn.core.train.Network;

/**
 * Why a parameter's gradient has the value it has: the derivative of a target (one output, or the loss) with
 * respect to one parameter element, as a sum over paths when there are at most maxPaths of them and every
 * activation on the way is element-wise, as backpropagated deltas otherwise (always past a layer that is not dense,
 * such as batch_norm or layer_norm, in evaluation mode as {@code nn grad} computes). Computed per sample from
 * {@link Trace}; the total equals {@link Gradients#backprop}'s value for the parameter.
 *
 * @param of      the target's name: O, O2 (an output) or L (the loss)
 * @param steps   the forward pass of each sample
 * @param paths   every sample's paths, sample by sample; null in delta form
 * @param deltas  every sample's deltas; null in path form
 * @param why     why delta form was chosen; null in path form
 */
public record Explain(ParamRef ref, String of, Units units, List<List<Trace.Step>> steps, List<Paths.Path> paths,
                      List<Deltas.Row> deltas, String why, double total) {

    /** The explanation of ∂target/∂param; param a global name (w1) or a path (layers.0.weight[0,0]). */
    public static Explain of(Network net, Gradients.Target target, String param, int maxPaths) {
        ParamRef ref = ParamRef.resolve(net, param);
        List<ParamRef> all = ParamRef.all(net);
        int[] widths = net.layers().stream().mapToInt(l -> l.nout()).toArray();
        Units units = new Units(net.nin(), widths);
        List<List<Trace.Step>> steps = new ArrayList<>();
        List<double[]> seeds = new ArrayList<>();
        int k = -1;
        String of;
        if (target instanceof Gradients.OfOutput o) {
            k = o.k();
            of = units.unit(widths.length - 1, k);
            steps.add(Trace.of(net, o.x()));
            double[] seed = new double[net.nout()];
            seed[k] = 1;
            seeds.add(seed);
        } else {
            Gradients.OfLoss l = (Gradients.OfLoss) target;
            of = "L";
            int nin = net.nin(), nout = net.nout();
            double[] y = new double[l.n() * nout];
            for (int r = 0; r < l.n(); r++) {
                double[] x = new double[nin];
                System.arraycopy(l.x(), r * nin, x, 0, nin);
                List<Trace.Step> s = Trace.of(net, x);
                steps.add(s);
                System.arraycopy(s.get(s.size() - 1).a(), 0, y, r * nout, nout);
            }
            double[] dy = new double[y.length];
            l.loss().gradient(y, l.t(), dy, l.n(), nout);
            for (int r = 0; r < l.n(); r++) {
                double[] seed = new double[nout];
                System.arraycopy(dy, r * nout, seed, 0, nout);
                seeds.add(seed);
            }
        }
        if (!steps.get(0).get(ref.layer()).dense()) {
            throw new nn.core.BadInputException("--explain: " + ref.name() + " (" + ref.path() + ") belongs to "
                    + steps.get(0).get(ref.layer()).activation() + " (layer " + (ref.layer() + 1) + "), not to a dense layer;"
                    + " explanations follow the weights and biases of dense layers (nn grad prints every gradient)");
        }
        String why = null;
        long count = Paths.count(units, ref, k >= 0 ? 1 : net.nout());
        for (int m = ref.layer(); m < widths.length && why == null; m++) {
            Trace.Step s = steps.get(0).get(m);
            if (!s.dense()) {
                why = s.activation() + " (layer " + (m + 1) + ") is not a dense layer a = f(x·Wᵀ + b), so the gradient is not a plain"
                        + " sum over paths of weights (in that layer δ_u is the derivative by its input x_u)";
            } else if (!s.elementwise()) {
                why = s.activation() + " (layer " + (m + 1) + ") is not element-wise, so the gradient is not a plain sum over paths";
            }
        }
        if (why == null && count > maxPaths) why = count + (count == 1 ? " path leads from " : " paths lead from ") + ref.name() + " to " + of + ", more than --max-paths " + maxPaths;
        double total = 0;
        if (why == null) {
            List<Paths.Path> paths = new ArrayList<>();
            for (int r = 0; r < steps.size(); r++) {
                paths.addAll(Paths.of(steps.get(r), r, units, all, ref, k, k >= 0 ? null : seeds.get(r)));
            }
            for (Paths.Path p : paths) total += p.value();
            return new Explain(ref, of, units, steps, List.copyOf(paths), null, null, total);
        }
        List<Deltas.Row> rows = new ArrayList<>();
        for (int r = 0; r < steps.size(); r++) {
            Deltas.Row d = Deltas.of(steps.get(r), r, units, ref, seeds.get(r));
            rows.add(d);
            total += d.grad();
        }
        return new Explain(ref, of, units, steps, null, List.copyOf(rows), why, total);
    }

    /** True in path form. */
    public boolean byPaths() {
        return paths != null;
    }

    /** The number of samples. */
    public int rows() {
        return steps.size();
    }
}
