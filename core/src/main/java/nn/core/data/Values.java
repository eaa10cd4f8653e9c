package nn.core.data;

/**
 * A flat array of numbers held as float32 or float64. Data sets keep their features here: as float32 when every value
 * is exactly a float32 (pixels, counts, anything read from float32 or small-integer files) or when the run computes in
 * float32 anyway, which halves the memory; as float64 otherwise. Reading a value back gives it as a double, exactly as
 * stored.
 */
public final class Values {
    private final float[] f;
    private final double[] d;
    private final boolean rounding;

    private Values(float[] f, double[] d, boolean rounding) {
        this.f = f;
        this.d = d;
        this.rounding = rounding;
    }

    private Values(float[] f, double[] d) {
        this(f, d, false);
    }

    /** count zeros, as float32 when narrow, else float64. */
    public static Values zeros(long count, boolean narrow) {
        return zeros(count, narrow, false);
    }

    /** count zeros, as float32 when narrow (where {@link #set} may round when rounding), else float64. */
    public static Values zeros(long count, boolean narrow, boolean rounding) {
        return zeros(count, narrow, rounding, count + " numbers");
    }

    /**
     * {@link #zeros(long, boolean, boolean)}; when the heap cannot hold them, a bad-input error that says what (e.g.
     * {@code "x.csv: 60000 rows × 784 features"}), the size needed and the fixes.
     */
    public static Values zeros(long count, boolean narrow, boolean rounding, String what) {
        if (count > Integer.MAX_VALUE - 8) {
            throw new nn.core.BadInputException(what + ": " + count + " numbers, more than one array holds (stream: true reads such data in chunks)");
        }
        try {
            return narrow ? new Values(new float[(int) count], null, rounding) : new Values(null, new double[(int) count], false);
        } catch (OutOfMemoryError e) {
            long need = count * (narrow ? 4 : 8), mib = 1 << 20;
            throw new nn.core.BadInputException(what + " need " + (need + mib - 1) / mib + " MiB, more than the Java heap ("
                    + Runtime.getRuntime().maxMemory() / mib + " MiB) has free (give it more with NN_JAVA_OPTS=-Xmx…, or read the data"
                    + " in chunks with stream: true)");
        }
    }

    public static Values of(double[] d) {
        return new Values(null, d);
    }

    public static Values of(float[] f) {
        return new Values(f, null);
    }

    public boolean narrow() {
        return f != null;
    }

    public int length() {
        return f != null ? f.length : d.length;
    }

    public long bytes() {
        return f != null ? 4L * f.length : 8L * d.length;
    }

    public double get(int i) {
        return f != null ? f[i] : d[i];
    }

    /**
     * Stores v (rounded to float32 when narrow) and says whether it was stored as it should be: exactly, or, where
     * rounding is allowed, rounded but still finite (1e300 is not a float32: the caller then needs float64 storage).
     */
    public boolean set(int i, double v) {
        if (f == null) {
            d[i] = v;
            return true;
        }
        float x = (float) v;
        f[i] = x;
        return x == v || rounding && Float.isFinite(x);
    }

    /** this[at + j] = b[j] read as an unsigned byte, for j in [0, k): exact in either precision. */
    public void setUnsignedBytes(int at, byte[] b, int k) {
        if (f != null) {
            for (int j = 0; j < k; j++) f[at + j] = b[j] & 0xff;
        } else {
            for (int j = 0; j < k; j++) d[at + j] = b[j] & 0xff;
        }
    }

    /** dst[off + j] = this[from + j] for j in [0, len). dst modified. */
    public void copyTo(int from, double[] dst, int off, int len) {
        if (d != null) {
            System.arraycopy(d, from, dst, off, len);
        } else {
            for (int j = 0; j < len; j++) dst[off + j] = f[from + j];
        }
    }

    /**
     * These values as float32 (a copy) when every one of them is exactly a float32, or, when always, is within
     * float32's range; else this.
     */
    public Values narrowed(boolean always) {
        if (f != null) return this;
        for (double v : d) if (always ? !Float.isFinite((float) v) : (float) v != v) return this;
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (float) d[i];
        return new Values(out, null);
    }

    /** A copy as float64. */
    public double[] toDoubles() {
        double[] out = new double[length()];
        copyTo(0, out, 0, out.length);
        return out;
    }
}
