package nn.core.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Backpropagation written out: g_u = ∂T/∂a_u and δ_u = ∂T/∂z_u for every unit from the output back to θ's layer,
 * with g = seed at the output (1 at output k, or dL/dO), g_u = Σ_k W[k,u]·δ_k below it and δ = Jᵀ·g, J the
 * activation's Jacobian (δ_u = f'(z_u)·g_u when element-wise). Then ∂T/∂θ = δ_unit · x (· 1 for a bias).
 */
public final class Deltas {
    /** One unit: its layer, index, name, g and δ. */
    public record Unit(int layer, int unit, String name, double g, double delta) {}

    /** One sample: the layers' units from the output back to θ's layer, and the sample's share of the gradient. */
    public record Row(int row, List<List<Unit>> layers, double input, double grad) {}

    private Deltas() {}

    /** The deltas of one sample; seed[j] = ∂T/∂O_j. */
    public static Row of(List<Trace.Step> steps, int row, Units units, ParamRef ref, double[] seed) {
        List<List<Unit>> layers = new ArrayList<>();
        double[] g = seed.clone();
        double[] delta = null;
        for (int m = steps.size() - 1; m >= ref.layer(); m--) {
            Trace.Step s = steps.get(m);
            if (delta != null) {
                Trace.Step above = steps.get(m + 1);
                g = new double[s.nout()];
                for (int u = 0; u < s.nout(); u++) {
                    for (int k = 0; k < above.nout(); k++) g[u] += above.weight(k, u) * delta[k];
                }
            }
            delta = new double[s.nout()];
            for (int u = 0; u < s.nout(); u++) {
                for (int j = 0; j < s.nout(); j++) delta[u] += s.jac()[j][u] * g[j];
            }
            List<Unit> us = new ArrayList<>();
            for (int u = 0; u < s.nout(); u++) us.add(new Unit(m, u, units.unit(m, u), g[u], delta[u]));
            layers.add(List.copyOf(us));
        }
        double x = ref.bias() ? 1.0 : steps.get(ref.layer()).x()[ref.input()];
        return new Row(row, List.copyOf(layers), x, delta[ref.unit()] * x);
    }
}
