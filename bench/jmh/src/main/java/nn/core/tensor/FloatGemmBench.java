package nn.core.tensor;
// GENERATED from GemmBench.java by tools/FloatTwins.java: edit the template, not this file.

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dense layer's three products on the shapes of the B3 and B4 networks, each as the one {@link FloatGemm} call that
 * {@link FloatKernels} makes for it, run by a chosen kernel:
 * <ul>
 *   <li>{@code vector}: {@code FloatGemm.blocked} with {@link FloatVectorKernel}, which is what {@code FloatGemm.gemm} runs on these
 *       shapes when the JVM has the Vector API;
 *   <li>{@code scalar}: {@code FloatGemm.blocked} with {@link FloatScalarKernel}, the fallback without it;
 *   <li>{@code plain}: {@code FloatGemm.plain}, the straight loops meant for tiny products; always one thread.
 * </ul>
 * Primary score: products per second. Secondary score {@code product:gflop} ({@link Flops}): GFLOP per second,
 * counting 2·m·n·k per product (the bias and bias-gradient additions, m·n and m·k, are not counted).
 *
 * <p>The class sits in {@code nn.core.tensor} to reach the package-private entry points, so it runs from the class
 * path (the shaded benchmarks.jar), not as a module.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class FloatGemmBench {
    /** One of FloatKernels' three products, with its FloatGemm arguments exactly as FloatKernels passes them. */
    enum Product {
        /** y = x·Wᵀ + b: C (n × nout), k = nin. */
        FORWARD {
            @Override void run(GemmCall g, FloatGemmBench s) {
                g.gemm(false, true, s.n, s.nout, s.nin, s.x, s.nin, s.w, s.nin, s.y, s.nout, false, s.b, null);
            }
        },
        /** dW += dyᵀ·x and db += Σ_r dy[r,·]: C (nout × nin), k = n. */
        WEIGHT_GRAD {
            @Override void run(GemmCall g, FloatGemmBench s) {
                g.gemm(true, false, s.nout, s.nin, s.n, s.dy, s.nout, s.x, s.nin, s.dw, s.nin, true, null, s.db);
            }
        },
        /** dx = dy·W: C (n × nin), k = nout. */
        INPUT_GRAD {
            @Override void run(GemmCall g, FloatGemmBench s) {
                g.gemm(false, false, s.n, s.nin, s.nout, s.dy, s.nout, s.w, s.nin, s.dx, s.nin, false, null, null);
            }
        };

        abstract void run(GemmCall g, FloatGemmBench s);
    }

    /** A product of one layer of B3 or B4: batch n, layer n_in → n_out. */
    public enum Shape {
        B3_L1_FORWARD(Product.FORWARD, 64, 784, 128),
        B3_L1_WEIGHT_GRAD(Product.WEIGHT_GRAD, 64, 784, 128),
        B3_L2_INPUT_GRAD(Product.INPUT_GRAD, 64, 128, 10),
        B4_L1_FORWARD(Product.FORWARD, 256, 784, 1024),
        B4_L1_WEIGHT_GRAD(Product.WEIGHT_GRAD, 256, 784, 1024),
        B4_L2_FORWARD(Product.FORWARD, 256, 1024, 1024),
        B4_L2_WEIGHT_GRAD(Product.WEIGHT_GRAD, 256, 1024, 1024),
        B4_L2_INPUT_GRAD(Product.INPUT_GRAD, 256, 1024, 1024);

        final Product product;
        final int n, nin, nout;

        Shape(Product product, int n, int nin, int nout) {
            this.product = product;
            this.n = n;
            this.nin = nin;
            this.nout = nout;
        }

        /** Floating-point operations of one product: 2·m·n·k, the same 2·n·nin·nout for all three. */
        long flops() {
            return 2L * n * nin * nout;
        }
    }

    /** The signature shared by {@code FloatGemm.gemm}, {@code FloatGemm.plain} and {@code FloatGemm.blocked} with a kernel bound. */
    @FunctionalInterface
    interface GemmCall {
        void gemm(boolean ta, boolean tb, int m, int n, int k, float[] a, int lda, float[] b, int ldb,
                  float[] c, int ldc, boolean accumulate, float[] bias, float[] rowSums);
    }

    @Param
    public Shape shape;

    /** Parallel's worker count. {@code plain} ignores it. */
    @Param({"1", "2"})
    public int threads;

    @Param({"vector", "scalar", "plain"})
    public String kernel;

    int n, nin, nout;
    float[] x, w, b, y, dy, dw, db, dx;
    GemmCall gemm;
    long flopsPerProduct;

    @Setup(Level.Trial)
    public void setUp() {
        gemm = switch (kernel) {
            case "vector" -> {
                if (!FloatVectorKernel.supported()) {
                    throw new IllegalStateException("kernel: 'vector' needs native 256-bit float vectors, this JVM "
                            + "has " + jdk.incubator.vector.FloatVector.SPECIES_PREFERRED);
                }
                yield blocked(new FloatVectorKernel());
            }
            case "scalar" -> blocked(new FloatScalarKernel());
            case "plain" -> FloatGemm::plain;
            default -> throw new IllegalArgumentException(
                    "kernel: unknown '" + kernel + "' (known: vector, scalar, plain)");
        };
        Parallel.threads(threads);
        n = shape.n;
        nin = shape.nin;
        nout = shape.nout;
        SplittableRandom rng = new SplittableRandom(42);
        x = uniform(rng, n * nin);
        w = uniform(rng, nout * nin);
        b = uniform(rng, nout);
        dy = uniform(rng, n * nout);
        y = new float[n * nout];
        dw = new float[nout * nin];
        db = new float[nout];
        dx = new float[n * nin];
        flopsPerProduct = shape.flops();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Parallel.threads(1);
    }

    /** One product of the chosen shape. Its output stays in this state's arrays, so nothing is dead code. */
    @Benchmark
    public void product(Flops flops) {
        shape.product.run(gemm, this);
        flops.gflop += flopsPerProduct * 1e-9;
    }

    private static GemmCall blocked(FloatMicroKernel kern) {
        return (ta, tb, m, n, k, a, lda, b, ldb, c, ldc, accumulate, bias, rowSums) ->
                FloatGemm.blocked(kern, ta, tb, m, n, k, a, lda, b, ldb, c, ldc, accumulate, bias, rowSums);
    }

    private static float[] uniform(SplittableRandom rng, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) rng.nextDouble(-1.0, 1.0);
        return v;
    }
}
