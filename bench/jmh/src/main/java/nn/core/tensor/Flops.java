package nn.core.tensor;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A benchmark's floating-point work, as a JMH secondary result. A benchmark adds each operation's GFLOP to
 * {@link #gflop}; JMH divides an OPERATIONS counter by the iteration's time, so in Throughput mode with seconds as
 * the unit it prints {@code <benchmark>:gflop} in "ops/s", which reads GFLOP/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Flops {
    /** GFLOP done in the current iteration. */
    public double gflop;

    @Setup(Level.Iteration)
    public void reset() {
        gflop = 0;
    }
}
