package nn.core.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.spi.Optimizer;
import nn.core.spi.OptimizerProvider;
import nn.core.spi.Parameter;
import nn.core.tensor.Rng;

/**
 * An optimizer's checks, with its declared defaults, on a convex quadratic L(θ) = ½ Σ a_i (θ_i − c_i)² over a 2 × 3
 * weight and a bias of 3 (a_i in [0.5, 2), θ_i − c_i of size 0.5 to 1.5, all seeded), whose gradient a·(θ − c) is
 * set before each step taken at the learning rate {@value #LR}. An optimizer declares no formula that a step could be
 * compared with, so what is checked is what every optimizer promises:
 * <ul>
 * <li>{@code against_gradient}: the first step moves every element against its gradient (Δθ·g &lt; 0); analytic is
 *     the step Δθ, numeric the plain gradient step −lr·g for scale;</li>
 * <li>{@code leaves_grads}: a step does not modify the gradients;</li>
 * <li>{@code descent}: the loss decreases at each of {@value #STEPS} steps (analytic the loss after the step, numeric
 *     the loss before);</li>
 * <li>{@code deterministic}: two optimizers made alike take bit-identical steps;</li>
 * <li>{@code state_round_trip}: the state ({@link Optimizer#state()}) and parameters saved after two steps and
 *     restored into the same optimizer after a third give that third step again, bit for bit, parameters and state;
 *     {@code resume}: the same restored into a new optimizer (a checkpoint and {@code --resume}).</li>
 * </ul>
 */
final class OptimizerChecks {
    private OptimizerChecks() {}

    static final double LR = 1e-3;
    static final int STEPS = 5;

    static void run(Rows rows, OptimizerProvider p) {
        Quadratic q = new Quadratic(new Rng(rows.seed));
        rows.run("against_gradient", () -> {
            List<Parameter> params = q.fresh();
            Optimizer o = create(rows, p, params);
            double before = q.loss(params);
            double[] theta = flat(params, false), g = q.grads(params), kept = g.clone();
            o.step(LR);
            double[] after = flat(params, false);
            List<String> names = names(params);
            for (int i = 0; i < theta.length; i++) {
                double d = after[i] - theta[i];
                rows.property("against_gradient", names.get(i), d, -LR * g[i], d * g[i] < 0);
            }
            int changed = Rows.differing(kept, flat(params, true));
            rows.property("leaves_grads", "grad", (double) changed, 0.0, changed == 0);
            for (int s = 1; s <= STEPS; s++) {
                if (s > 1) q.step(o, params);
                double now = q.loss(params);
                rows.property("descent", "step " + s, now, before, now < before);
                before = now;
            }
        });
        rows.run("deterministic", () -> {
            List<Parameter> a = q.fresh(), b = q.fresh();
            Optimizer oa = create(rows, p, a), ob = create(rows, p, b);
            for (int s = 0; s < 3; s++) {
                q.step(oa, a);
                q.step(ob, b);
            }
            same(rows, "deterministic", a, oa.state(), b, ob.state());
        });
        rows.run("state_round_trip", () -> {
            List<Parameter> params = q.fresh();
            Optimizer o = create(rows, p, params);
            q.step(o, params);
            q.step(o, params);
            Map<String, double[]> saved = copy(o.state());
            double[] theta = flat(params, false);
            q.step(o, params);
            List<Parameter> first = copy(params);
            Map<String, double[]> firstState = copy(o.state());

            restore(o.state(), saved);
            set(params, theta);
            q.step(o, params);
            same(rows, "state_round_trip", first, firstState, params, o.state());

            List<Parameter> fresh = q.fresh();
            Optimizer resumed = create(rows, p, fresh);
            if (!resumed.state().keySet().equals(saved.keySet())) {
                rows.property("resume", "state keys " + resumed.state().keySet() + " of a new optimizer, " + saved.keySet() + " saved", null, null, false);
                return;
            }
            restore(resumed.state(), saved);
            set(fresh, theta);
            q.step(resumed, fresh);
            same(rows, "resume", first, firstState, fresh, resumed.state());
        });
    }

    private static Optimizer create(Rows rows, OptimizerProvider p, List<Parameter> params) {
        return p.create(Defaults.params(rows.kind, p), params);
    }

    /** One row per parameter tensor and per state array: the count of values whose bits differ between two runs. */
    private static void same(Rows rows, String check, List<Parameter> a, Map<String, double[]> sa, List<Parameter> b, Map<String, double[]> sb) {
        for (int k = 0; k < a.size(); k++) {
            int d = Rows.differing(a.get(k).data(), b.get(k).data());
            rows.property(check, a.get(k).name(), (double) d, 0.0, d == 0);
        }
        for (Map.Entry<String, double[]> e : sa.entrySet()) {
            double[] other = sb.get(e.getKey());
            int d = other == null ? e.getValue().length : Rows.differing(e.getValue(), other);
            rows.property(check, "state " + e.getKey(), (double) d, 0.0, d == 0);
        }
    }

    private static Map<String, double[]> copy(Map<String, double[]> state) {
        Map<String, double[]> c = new LinkedHashMap<>();
        state.forEach((k, v) -> c.put(k, v.clone()));
        return c;
    }

    private static List<Parameter> copy(List<Parameter> params) {
        List<Parameter> c = new ArrayList<>();
        for (Parameter q : params) c.add(new Parameter(q.name(), q.shape(), q.data().clone(), q.grad().clone()));
        return c;
    }

    private static void restore(Map<String, double[]> into, Map<String, double[]> saved) {
        saved.forEach((k, v) -> {
            double[] a = into.get(k);
            if (a != null) System.arraycopy(v, 0, a, 0, Math.min(a.length, v.length));
        });
    }

    private static double[] flat(List<Parameter> params, boolean grads) {
        return params.stream().flatMapToDouble(q -> java.util.Arrays.stream(grads ? q.grad() : q.data())).toArray();
    }

    private static void set(List<Parameter> params, double[] values) {
        int o = 0;
        for (Parameter q : params) {
            System.arraycopy(values, o, q.data(), 0, q.size());
            o += q.size();
        }
    }

    private static List<String> names(List<Parameter> params) {
        List<String> out = new ArrayList<>();
        for (Parameter q : params) for (int i = 0; i < q.size(); i++) out.add(q.name() + q.index(i));
        return out;
    }

    /** L(θ) = ½ Σ a_i (θ_i − c_i)² over a weight (2 × 3) and a bias (3), and its starting point. */
    private static final class Quadratic {
        final double[] a = new double[9], c = new double[9], start = new double[9];

        Quadratic(Rng rng) {
            for (int i = 0; i < 9; i++) {
                a[i] = rng.uniform(0.5, 2);
                c[i] = rng.uniform(-1, 1);
                start[i] = c[i] + (rng.nextDouble() < 0.5 ? -1 : 1) * rng.uniform(0.5, 1.5);
            }
        }

        /** A new weight and bias at the starting point, gradients zero. */
        List<Parameter> fresh() {
            List<Parameter> ps = List.of(new Parameter("weight", 2, 3), new Parameter("bias", 3));
            set(ps, start);
            return ps;
        }

        double loss(List<Parameter> ps) {
            double[] th = flat(ps, false);
            double s = 0;
            for (int i = 0; i < 9; i++) s += 0.5 * a[i] * (th[i] - c[i]) * (th[i] - c[i]);
            return s;
        }

        /** Sets every grad to a·(θ − c); returns them flat. */
        double[] grads(List<Parameter> ps) {
            double[] th = flat(ps, false);
            int o = 0;
            for (Parameter q : ps) {
                for (int i = 0; i < q.size(); i++, o++) q.grad()[i] = a[o] * (th[o] - c[o]);
            }
            return flat(ps, true);
        }

        void step(Optimizer o, List<Parameter> ps) {
            grads(ps);
            o.step(LR);
        }
    }
}
