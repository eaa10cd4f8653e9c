package nn.core.tensor;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One register tile of a {@link MicroKernel}, C (MR × NR) = Ã·B̃ over kc steps, on packed operands that stay in L1:
 * the ceiling {@link GemmBench} can reach with this kernel, without packing, edge tiles or memory traffic.
 * Secondary score {@code tile:gflop} ({@link Flops}): GFLOP/s at 2·MR·NR·kc per tile.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class MicroKernelBench {
    @Param({"vector", "scalar"})
    public String kernel;

    /** k-steps per tile; Gemm.KC (256) is what full blocks use. */
    @Param({"256"})
    public int kc;

    MicroKernel kern;
    double[] pa, pb, c, tmp;
    double gflopPerTile;

    @Setup(Level.Trial)
    public void setUp() {
        kern = switch (kernel) {
            case "vector" -> new VectorKernel();
            case "scalar" -> new ScalarKernel();
            default -> throw new IllegalArgumentException("kernel: unknown '" + kernel + "' (known: vector, scalar)");
        };
        int mr = kern.mr(), nr = kern.nr();
        SplittableRandom rng = new SplittableRandom(42);
        pa = rng.doubles(kc * mr, -1.0, 1.0).toArray();
        pb = rng.doubles(kc * nr, -1.0, 1.0).toArray();
        c = new double[mr * nr];
        tmp = new double[mr * nr];
        gflopPerTile = 2.0 * mr * nr * kc / 1e9;
    }

    /** One full tile, overwriting C (no accumulate, no bias): the micro-kernel's fast store path. */
    @Benchmark
    public void tile(Flops flops) {
        kern.run(kc, pa, 0, pb, 0, c, 0, kern.nr(), kern.mr(), kern.nr(), false, null, 0, tmp);
        flops.gflop += gflopPerTile;
    }
}
