package nn.core.tensor;

/**
 * A seeded generator whose whole state is one long (SplitMix64, Steele, Lea and Flood 2014), so that a
 * checkpoint can save it and a resumed run draws exactly what the uninterrupted run would have.
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    public long state() {
        return state;
    }

    public void state(long s) {
        this.state = s;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Standard normal by Box–Muller, two uniforms per value (no cached second value, so the state is one long). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** A generator for a named sub-stream, independent of how much this one has drawn. */
    public static Rng derive(long seed, String stream) {
        Rng r = new Rng(seed ^ (stream.hashCode() * 0x9E3779B97F4A7C15L));
        r.nextLong();
        return r;
    }

    /** Fisher–Yates shuffle of idx[0..n). */
    public void shuffle(int[] idx, int n) {
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
    }
}
