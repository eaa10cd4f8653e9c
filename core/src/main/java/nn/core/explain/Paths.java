package nn.core.explain;

import java.util.ArrayList;
import java.util.List;
import nn.core.explain.Factor.Kind;

/**
 * The chain rule as a sum over paths: ∂O/∂θ = Σ over every path from θ's unit to the output of the product of
 * the path's factors, [dL/dO ·] f'(z_O) · w · f'(z_h) · ... · f'(z_u) [· x]. Identity activations contribute the
 * factor 1 and are left out. Valid only when every activation on the way is element-wise.
 */
public final class Paths {
    /** One path of one sample (row): its units joined by '>' as key, its factors from the output back to θ. */
    public record Path(int row, String key, List<Factor> factors) {
        public double value() {
            double v = 1;
            for (Factor f : factors) v *= f.value();
            return v;
        }
    }

    private Paths() {}

    /** How many paths lead from θ's unit to the output unit (ends = 1) or to any of ends output units. */
    public static long count(Units units, ParamRef ref, int ends) {
        int last = units.layers() - 1;
        if (ref.layer() == last) return 1;
        long n = ends;
        for (int m = ref.layer() + 1; m < last; m++) n *= units.width(m);
        return n;
    }

    /**
     * The paths of one sample. With seed == null the target is output unit k; otherwise the loss, and seed[j] is
     * dL/dO_j, its first factor.
     */
    public static List<Path> of(List<Trace.Step> steps, int row, Units units, List<ParamRef> all, ParamRef ref,
                                int k, double[] seed) {
        List<Path> out = new ArrayList<>();
        int[] chain = new int[steps.size()];
        chain[ref.layer()] = ref.unit();
        walk(steps, row, units, all, ref, k, seed, chain, ref.layer() + 1, out);
        return out;
    }

    private static void walk(List<Trace.Step> steps, int row, Units units, List<ParamRef> all, ParamRef ref, int k,
                             double[] seed, int[] chain, int m, List<Path> out) {
        int last = steps.size() - 1;
        if (m > last) {
            if (seed == null && chain[last] != k) return;
            out.add(path(steps, row, units, all, ref, seed, chain));
            return;
        }
        for (int u = 0; u < steps.get(m).nout(); u++) {
            chain[m] = u;
            walk(steps, row, units, all, ref, k, seed, chain, m + 1, out);
        }
    }

    private static Path path(List<Trace.Step> steps, int row, Units units, List<ParamRef> all, ParamRef ref,
                             double[] seed, int[] chain) {
        int last = steps.size() - 1;
        List<Factor> fs = new ArrayList<>();
        if (seed != null) {
            String o = units.unit(last, chain[last]);
            fs.add(Factor.of(Kind.SEED, last, chain[last], "dL/d" + o,
                    "\\frac{\\partial L}{\\partial " + Units.latex(o) + "}", seed[chain[last]]));
        }
        StringBuilder key = new StringBuilder();
        for (int m = last; m >= ref.layer(); m--) {
            Trace.Step s = steps.get(m);
            int u = chain[m];
            String name = units.unit(m, u);
            key.insert(0, key.length() == 0 ? name : name + ">");
            if (!"identity".equals(s.activation())) {
                String sym = Units.symbol(s.activation()), lsym = Units.latexSymbol(s.activation());
                String z = "z_" + name, lz = "z_{" + Units.latex(name) + "}";
                fs.add(new Factor(Kind.DERIV, m, u, sym + "'(" + z + ")", lsym + "'(" + lz + ")", s.deriv()[u],
                        sym + "(" + z + ")", lsym + "(" + lz + ")", s.a()[u]));
            }
            if (m > ref.layer()) {
                String w = ParamRef.weightName(all, m, u, chain[m - 1]);
                fs.add(Factor.of(Kind.WEIGHT, m, u, w, Units.latex(w), s.weight(u, chain[m - 1])));
            }
        }
        if (!ref.bias()) {
            String x = units.inputOf(ref.layer(), ref.input());
            fs.add(Factor.of(Kind.INPUT, ref.layer(), ref.input(), x, Units.latex(x), steps.get(ref.layer()).x()[ref.input()]));
        }
        return new Path(row, key.toString(), List.copyOf(fs));
    }
}
