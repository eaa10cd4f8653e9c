package nn.core.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import nn.core.train.Gradients;

/** The checks of one provider as they are made: each kind's checker adds rows here. */
final class Rows {
    final String kind, name;
    final Tolerance tol;
    final long seed;
    private final List<Check> rows = new ArrayList<>();

    Rows(String kind, String name, Tolerance tol, long seed) {
        this.kind = kind;
        this.name = name;
        this.tol = tol;
        this.seed = seed;
    }

    List<Check> list() {
        return rows;
    }

    /**
     * The analytic derivative a of f with respect to x[i] against central differences: ok when they agree
     * ({@link Gradients#agree}) or, at a kink of f, when a lies between the one-sided quotients
     * ({@link Differences#atKink}), and the param then says "(kink)". x restored exactly.
     */
    boolean derivative(String check, String param, double a, double[] x, int i, DoubleSupplier f) {
        double numeric = Differences.central(x, i, tol.eps(), f);
        boolean ok = Gradients.agree(a, numeric, tol.atol(), tol.rtol());
        boolean kink = !ok && Differences.atKink(a, x, i, tol.eps(), f, tol.atol(), tol.rtol());
        return compared(check, kink ? param + " (kink)" : param, a, numeric, ok || kink);
    }

    /** An analytic value beside a numeric one, ok when they agree within the tolerance. */
    boolean agree(String check, String param, double a, double numeric) {
        return compared(check, param, a, numeric, Gradients.agree(a, numeric, tol.atol(), tol.rtol()));
    }

    boolean compared(String check, String param, double a, double numeric, boolean ok) {
        rows.add(new Check(kind, name, check, param, a, numeric, Math.abs(a - numeric), Gradients.relativeError(a, numeric), ok));
        return ok;
    }

    /** A property: the value found, the value expected (null when none is), whether it holds. */
    boolean property(String check, String param, Double found, Double expected, boolean ok) {
        rows.add(new Check(kind, name, check, param, found, expected, null, null, ok));
        return ok;
    }

    /** A check that could not be made because the provider threw: a failed row saying what it threw. */
    void threw(String check, Throwable e) {
        String what = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        rows.add(new Check(kind, name, check, "threw " + what.replace('\n', ' '), null, null, null, null, false));
    }

    /** Runs one check, turning an exception of the provider's into a failed row rather than ending the run. */
    void run(String check, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            threw(check, e);
        }
    }

    /** "[r,c]" of flat index i in a rows × cols batch. */
    static String at(int i, int cols) {
        return "[" + (i / cols) + "," + (i % cols) + "]";
    }

    /** Bits of the values, for comparing two runs exactly. */
    static int differing(double[] a, double[] b) {
        if (a.length != b.length) return Math.max(a.length, b.length);
        int d = 0;
        for (int i = 0; i < a.length; i++) if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) d++;
        return d;
    }
}
