package nn.core.train;

import java.util.ArrayList;
import java.util.List;
import nn.core.spi.Loss;
import nn.core.spi.Parameter;
import nn.core.tensor.DType;

/**
 * The gradient of one scalar of a network with respect to every parameter: the mean loss over some rows, or one
 * output unit for one input. Analytic by backpropagation; numeric by central differences, for checking.
 *
 * <p>Always in float64: a network configured with {@code dtype: float32} is switched to float64 here (its master
 * weights are float64, so nothing is lost), because central differences in float32 cannot check anything.
 *
 * <p>In evaluation mode, as {@code nn eval} and {@code nn predict} compute: dropout is off and batch_norm normalises
 * with its running statistics (buffers, which nothing here changes), so the target is a deterministic function of
 * the parameters that central differences can check.
 *
 * <p>The loss is computed as training computes it ({@link Objective}): on the last layer's pre-activation when the
 * loss fuses with its activation (cross_entropy after softmax, binary_cross_entropy after sigmoid), as PyTorch does.
 */
public final class Gradients {
    /** What to differentiate. */
    public sealed interface Target permits OfLoss, OfOutput {}

    /** The loss over rows x (n × nin) with targets t (n × nout), reduced as the loss defines. */
    public record OfLoss(Loss loss, double[] x, double[] t, int n) implements Target {}

    /** Output unit k for one input row x (nin values). */
    public record OfOutput(double[] x, int k) implements Target {}

    /** One parameter element's row: its place, global name (w1, b2), value and gradient. */
    public record Row(String param, String name, double value, double grad) {}

    private Gradients() {}

    /** The value of the target at the network's current parameters (evaluation mode: no dropout). */
    public static double value(Network net, Target target) {
        net.dtype(DType.FLOAT64);
        if (target instanceof OfLoss l) {
            double[] y = net.forward(l.x(), l.n(), false);
            return Objective.of(net, l.loss()).value(y, l.t(), l.n());
        }
        OfOutput o = (OfOutput) target;
        return net.forward(o.x(), 1, false)[o.k()];
    }

    /** Sets every parameter's grad to ∂target/∂θ; returns the target's value. */
    public static double backprop(Network net, Target target) {
        net.dtype(DType.FLOAT64);
        net.zeroGrad();
        double v;
        if (target instanceof OfLoss l) {
            Objective objective = Objective.of(net, l.loss());
            double[] y = net.forward(l.x(), l.n(), false);
            v = objective.value(y, l.t(), l.n());
            objective.backward(y, l.t(), l.n());
        } else {
            OfOutput o = (OfOutput) target;
            double[] y = net.forward(o.x(), 1, false);
            v = y[o.k()];
            double[] dy = net.outputGrad();
            java.util.Arrays.fill(dy, 0, net.nout(), 0.0);
            dy[o.k()] = 1.0;
            net.backward(1);
        }
        return v;
    }

    /** One parameter element: its place ({@code layers.0.weight[1,2]}), global name, layer and array position. */
    public record Element(String param, String name, int layer, Parameter p, int index) {
        public double value() {
            return p.data()[index];
        }

        public double grad() {
            return p.grad()[index];
        }
    }

    /**
     * Every parameter element in report order (layer by layer, weights row-major, then biases), numbered globally:
     * b1..bM for the parameters named {@code bias}, w1..wN for every other (a dense layer's weight matrix, a
     * normalisation's scale γ). The one naming used by {@code nn grad} and {@code nn inspect --params}. Buffers
     * ({@link Network#buffers()}) are not parameters: they have no gradient and no row here.
     */
    public static List<Element> elements(Network net) {
        List<Element> out = new ArrayList<>();
        int w = 0, b = 0;
        for (Network.Named n : net.named()) {
            Parameter p = n.p();
            boolean bias = p.name().equals("bias");
            for (int i = 0; i < p.size(); i++) out.add(new Element(n.path() + p.index(i), bias ? "b" + (++b) : "w" + (++w), n.layer(), p, i));
        }
        return out;
    }

    /** The rows of every parameter element, in report order, after {@link #backprop}. */
    public static List<Row> rows(Network net) {
        return elements(net).stream().map(e -> new Row(e.param(), e.name(), e.value(), e.grad())).toList();
    }

    /**
     * Central differences (f(θ+ε) − f(θ−ε)) / 2ε for every parameter element, in report order. Parameters are
     * restored exactly afterwards.
     */
    public static double[] numeric(Network net, Target target, double eps) {
        double[] out = new double[net.parameterCount()];
        int o = 0;
        for (Network.Named n : net.named()) {
            double[] d = n.p().data();
            for (int i = 0; i < d.length; i++) {
                double keep = d[i];
                d[i] = keep + eps;
                double plus = value(net, target);
                d[i] = keep - eps;
                double minus = value(net, target);
                d[i] = keep;
                out[o++] = (plus - minus) / (2 * eps);
            }
        }
        return out;
    }

    /**
     * Whether an analytic and a numeric derivative agree: |a − n| ≤ atol + rtol·max(|a|, |n|).
     * The defaults (atol 1e-7, rtol 1e-5) suit eps = 1e-6 on float64, whose central-difference error is
     * about eps²·|f'''| + 1e-16·|f|/eps.
     */
    public static boolean agree(double a, double n, double atol, double rtol) {
        return Math.abs(a - n) <= atol + rtol * Math.max(Math.abs(a), Math.abs(n));
    }

    /** |a − n| / max(|a|, |n|), 0 when both are 0. */
    public static double relativeError(double a, double n) {
        double m = Math.max(Math.abs(a), Math.abs(n));
        return m == 0 ? 0 : Math.abs(a - n) / m;
    }
}
