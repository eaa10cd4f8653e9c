package nn.core.spi;

/**
 * The float32 fallback of the SPIs: float arrays widened into float64 scratch, the float64 method run, the result
 * rounded back. Each thread has its own scratch arrays, grown to the largest call and then reused, so a fallback
 * allocates nothing once warm. Slots 0–3 serve {@link Layer}, 4–7 {@link Activation} (a layer's float64 method
 * may call its activation's float32 one).
 */
final class Widening {
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[8][0]);

    private Widening() {}

    /** Scratch slot s with room for n values (contents undefined). */
    static double[] scratch(int slot, int n) {
        double[][] s = SCRATCH.get();
        if (s[slot].length < n) s[slot] = new double[n];
        return s[slot];
    }

    /** Scratch slot s holding x[0:n] as float64; null for a null x. */
    static double[] widen(float[] x, int n, int slot) {
        if (x == null) return null;
        double[] out = scratch(slot, n);
        for (int i = 0; i < n; i++) out[i] = x[i];
        return out;
    }

    /** out[i] = (float) x[i] for i < n; nothing for a null out. */
    static void narrow(double[] x, float[] out, int n) {
        if (out == null) return;
        for (int i = 0; i < n; i++) out[i] = (float) x[i];
    }
}
