package nn.core.formula;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nn.core.BadInputException;
import nn.core.explain.ParamRef;
import nn.core.explain.Units;
import nn.core.spi.Layer;
import nn.core.train.Network;

/**
 * A network's output as one nested closed form, the way a learner writes it: each unit is its activation of the
 * sum of its inputs times their weights plus its bias, f(x_1·w + x_2·w + … + b), the inputs of a layer being the
 * whole expressions of the units before. Names are nn grad's (w1, b1, … in report order; inputs I or I1, I2, …), or
 * with values the numbers themselves. Dense layers only (dropout is the identity outside training); softmax is
 * written out, exp(z_j) / (exp(z_1) + … + exp(z_n)).
 */
public final class Formula {
    private Formula() {}

    /** Refuses a network with a layer that is neither dense nor dropout: it has no closed form here. */
    public static void check(Network net) {
        for (int li = 0; li < net.layers().size(); li++) {
            Layer l = net.layers().get(li);
            if (dense(l) || l.parameters().isEmpty() && l.nin() == l.nout() && Network.kind(l).equals("dropout")) continue;
            throw new BadInputException("--formula: model.layers[" + li + "] (" + Network.kind(l) + ") has no closed form here: the formula is written"
                    + " for dense layers (and dropout); --explain PARAM shows a gradient through any layer");
        }
    }

    private static boolean dense(Layer l) {
        return l.activation() != null && !l.parameters().isEmpty() && l.parameters().get(0).shape().length == 2;
    }

    /** One expression per output of net for input x (used with values), in names or (values) in numbers. */
    public static List<Expr> outputs(Network net, double[] x, boolean values) {
        check(net);
        Map<String, ParamRef> refs = new HashMap<>();
        for (ParamRef r : ParamRef.all(net)) refs.put(r.layer() + ":" + r.unit() + ":" + (r.bias() ? -1 : r.input()), r);
        List<Expr> in = new ArrayList<>();
        for (int i = 0; i < net.nin(); i++) in.add(values ? new Expr.Num(x[i], 0) : new Expr.Name(Units.input(i, net.nin()), 0));
        for (int li = 0; li < net.layers().size(); li++) {
            Layer l = net.layers().get(li);
            if (!dense(l)) continue; // dropout: the identity outside training (check refused the rest)
            List<Expr> z = new ArrayList<>();
            for (int u = 0; u < l.nout(); u++) {
                List<Expr> terms = new ArrayList<>();
                for (int i = 0; i < l.nin(); i++) terms.add(new Expr.Bin('*', in.get(i), param(refs.get(li + ":" + u + ":" + i), values), 0));
                ParamRef b = refs.get(li + ":" + u + ":-1");
                if (b != null) terms.add(param(b, values));
                z.add(Expr.sum(terms));
            }
            in = activate(l.activationName(), z, li);
        }
        return in;
    }

    private static Expr param(ParamRef r, boolean values) {
        return values ? new Expr.Num(r.value(), 0) : new Expr.Name(r.name(), 0);
    }

    /** f applied to each pre-activation: identity as is, softmax written out, any other by its symbol (s for sigmoid). */
    private static List<Expr> activate(String f, List<Expr> z, int layer) {
        if (f == null || f.equals("identity")) return z;
        List<Expr> a = new ArrayList<>();
        if (f.equals("softmax")) {
            List<Expr> exps = new ArrayList<>();
            for (Expr e : z) exps.add(new Expr.Call("exp", false, e, 0));
            for (Expr e : exps) a.add(new Expr.Bin('/', e, Expr.sum(exps), 0));
            return a;
        }
        for (Expr e : z) a.add(new Expr.Call(Units.symbol(f), false, e, 0));
        return a;
    }

    /**
     * The loss of one sample with targets t, on the output expressions y: mse and mae the mean over outputs of
     * (y − t)² and |y − t|; binary_cross_entropy the mean of −(t·log(y) + (1 − t)·log(1 − y)); cross_entropy
     * −Σ t·log(y) (terms with t = 0 left out). Others have no closed form here.
     */
    public static Expr loss(String loss, List<Expr> y, double[] t) {
        List<Expr> terms = new ArrayList<>();
        int n = y.size();
        for (int j = 0; j < n; j++) {
            Expr d = new Expr.Bin('-', y.get(j), new Expr.Num(t[j], 0), 0);
            switch (loss) {
                case "mse" -> terms.add(new Expr.Bin('^', d, new Expr.Num(2, 0), 0));
                case "mae" -> terms.add(new Expr.Call("abs", false, d, 0));
                case "binary_cross_entropy" -> terms.add(new Expr.Neg(new Expr.Bin('+',
                        new Expr.Bin('*', new Expr.Num(t[j], 0), new Expr.Call("log", false, y.get(j), 0), 0),
                        new Expr.Bin('*', new Expr.Num(1 - t[j], 0), new Expr.Call("log", false, new Expr.Bin('-', new Expr.Num(1, 0), y.get(j), 0), 0), 0), 0), 0));
                case "cross_entropy" -> {
                    if (t[j] != 0) terms.add(new Expr.Neg(t[j] == 1 ? new Expr.Call("log", false, y.get(j), 0)
                            : new Expr.Bin('*', new Expr.Num(t[j], 0), new Expr.Call("log", false, y.get(j), 0), 0), 0));
                }
                default -> throw new BadInputException("--formula --of loss: " + loss + " has no closed form here (mse, mae, binary_cross_entropy"
                        + " and cross_entropy have); --of output prints the network's output");
            }
        }
        if (terms.isEmpty()) return new Expr.Num(0, 0);
        Expr sum = Expr.sum(terms);
        return loss.equals("cross_entropy") || n == 1 ? sum : new Expr.Bin('/', sum, new Expr.Num(n, 0), 0);
    }

    /** The most nodes (numbers, names, operations, calls) --formula prints: about 8,000 characters. */
    public static final long LIMIT = 2_000;

    /**
     * How many nodes the outputs' formulas of net have together, counted layer by layer without writing them (a unit
     * repeats the whole formula of every unit before it, so the count grows as the product of the widths).
     */
    public static double size(Network net) {
        double[] in = new double[net.nin()];
        java.util.Arrays.fill(in, 1);
        for (Layer l : net.layers()) {
            if (!dense(l)) continue;
            double sum = 0;
            for (double v : in) sum += v;
            double unit = sum + 2.0 * l.nin() + l.nin() + 2; // each input times its weight, the pluses, the bias, the call
            double[] out = new double[l.nout()];
            java.util.Arrays.fill(out, "softmax".equals(l.activationName()) ? unit * (l.nout() + 1) + 2 * l.nout() : unit);
            in = out;
        }
        double total = 0;
        for (double v : in) total += v;
        return total;
    }

}
