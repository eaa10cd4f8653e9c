package nn.core.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import nn.core.spi.Buffer;
import nn.core.spi.Layer;
import nn.core.spi.LayerProvider;
import nn.core.spi.LayerSpec;
import nn.core.spi.Loss;
import nn.core.spi.LossProvider;
import nn.core.spi.Optimizer;
import nn.core.spi.OptimizerProvider;
import nn.core.spi.Param;
import nn.core.spi.Params;
import nn.core.spi.Parameter;
import nn.core.train.Plugins;
import org.junit.jupiter.api.Test;

/**
 * {@link LayerContract} can fail: run on a correct layer whose rows interact (it passes) and on the same layer with
 * one deliberate mistake each (the check that should catch it fails). The layer centres each feature on the batch's
 * mean while training and on a running mean (a buffer) in evaluation, then adds a bias: y = x − m + b.
 */
class LayerContractSelfTest {
    private enum Mistake { NONE, BATCH_BLIND_BACKWARD, WRONG_BIAS_GRAD, EVALUATION_UPDATES, WRITES_PAST_END, ALLOCATES }

    /** y = x − m + b, m the batch mean (training; running_mean ← 0.9·running_mean + 0.1·m) or running_mean. */
    private static final class Center implements Layer {
        private final int width;
        private final Mistake mistake;
        private final Parameter b;
        private final Buffer running;
        private final double[] mean;
        private boolean batch;

        Center(int width, Mistake mistake) {
            this.width = width;
            this.mistake = mistake;
            b = new Parameter("bias", width);
            running = new Buffer("running_mean", 0.0, width);
            mean = new double[width];
        }

        @Override public int nin() { return width; }
        @Override public int nout() { return width; }
        @Override public List<Parameter> parameters() { return List.of(b); }
        @Override public List<Buffer> buffers() { return List.of(running); }
        @Override public void allocate(int maxBatch) {}

        @Override
        public void forward(double[] x, double[] out, int n, boolean training) {
            batch = training;
            double[] m = mistake == Mistake.ALLOCATES ? new double[width] : mean;
            if (training || mistake == Mistake.EVALUATION_UPDATES) {
                Arrays.fill(m, 0.0);
                for (int r = 0; r < n; r++) for (int j = 0; j < width; j++) m[j] += x[r * width + j] / n;
                for (int j = 0; j < width; j++) running.data()[j] = 0.9 * running.data()[j] + 0.1 * m[j];
            }
            if (!training) System.arraycopy(running.data(), 0, m, 0, width);
            for (int r = 0; r < n; r++) for (int j = 0; j < width; j++) out[r * width + j] = x[r * width + j] - m[j] + b.data()[j];
            if (mistake == Mistake.WRITES_PAST_END && out.length > n * width) out[n * width] = 0.0;
        }

        @Override
        public void backward(double[] x, double[] out, double[] dout, double[] dx, int n) {
            Arrays.fill(mean, 0.0); // here: the mean of dout over the batch
            for (int r = 0; r < n; r++) for (int j = 0; j < width; j++) mean[j] += dout[r * width + j];
            for (int j = 0; j < width; j++) b.grad()[j] += (mistake == Mistake.WRONG_BIAS_GRAD ? 2 : 1) * mean[j];
            if (dx == null) return;
            boolean coupled = batch && mistake != Mistake.BATCH_BLIND_BACKWARD;
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < width; j++) dx[r * width + j] = dout[r * width + j] - (coupled ? mean[j] / n : 0.0);
            }
        }
    }

    private record CenterProvider(Mistake mistake) implements LayerProvider {
        @Override public String name() { return "center"; }
        @Override public String doc() { return "y = x - mean + b"; }
        @Override public Layer create(LayerSpec spec) { return new Center(spec.nin(), mistake); }
    }

    /** What a config needs besides the layer: a loss named mse and an optimizer named sgd (never used here). */
    private static Plugins plugins(Mistake m) {
        Plugins p = Plugins.empty();
        p.layers.register(new CenterProvider(m));
        p.losses.register(new LossProvider() {
            @Override public String name() { return "mse"; }
            @Override public String doc() { return "unused"; }
            @Override public Loss create(Params q) {
                return new Loss() {
                    @Override public double value(double[] y, double[] t, int rows, int cols) { return 0; }
                    @Override public void gradient(double[] y, double[] t, double[] dy, int rows, int cols) {}
                };
            }
        });
        p.optimizers.register(new OptimizerProvider() {
            @Override public String name() { return "sgd"; }
            @Override public String doc() { return "unused"; }
            @Override public List<Param> params() { return List.of(Param.real("learning_rate", 0.1, "unused")); }
            @Override public Optimizer create(Params q, List<Parameter> params) {
                return new Optimizer() {
                    @Override public double learningRate() { return 0.1; }
                    @Override public Map<String, double[]> state() { return Map.of(); }
                    @Override public void step(double rate) {}
                };
            }
        });
        return p;
    }

    private static LayerContract contract(Mistake m) {
        return new LayerContract() {
            @Override
            protected LayerProvider provider() {
                return new CenterProvider(m);
            }

            @Override
            protected Plugins plugins() {
                return LayerContractSelfTest.plugins(m);
            }

            @Override
            protected List<String> configs() {
                return List.of("{type: center}");
            }
        };
    }

    private static void passesForEverySeed(LongConsumer test) {
        Seeds.passEvery(16, test);
    }

    private static void failsForSomeSeed(LongConsumer test) {
        Seeds.failSome(16, test);
    }

    @Test
    void aCorrectLayerWithInteractingRowsAndABufferPasses() {
        LayerContract c = contract(Mistake.NONE);
        passesForEverySeed(c::backwardMatchesCentralDifferencesInTraining);
        passesForEverySeed(c::backwardMatchesCentralDifferencesInEvaluation);
        passesForEverySeed(c::backwardAddsToGradAndTakesNullDx);
        passesForEverySeed(c::readsAndWritesTheFirstNRowsOnly);
        passesForEverySeed(c::evaluationIsDeterministicAndKeepsBuffersTrainingIsRepeatable);
        passesForEverySeed(c::float32PathAgreesWithTheFloat64One);
        c.buffersAreNamedApartFromParametersAndFinite();
        c.aWarmTrainingStepAllocatesNothing();
        c.everyConfigBuilds();
    }

    /** Treating the rows as independent (dx = dout) is right in evaluation, wrong in training: only the whole batch shows it. */
    @Test
    void aBackwardBlindToTheBatchFailsInTrainingOnly() {
        LayerContract c = contract(Mistake.BATCH_BLIND_BACKWARD);
        failsForSomeSeed(c::backwardMatchesCentralDifferencesInTraining);
        passesForEverySeed(c::backwardMatchesCentralDifferencesInEvaluation);
    }

    @Test
    void aWrongParameterGradientFails() {
        failsForSomeSeed(contract(Mistake.WRONG_BIAS_GRAD)::backwardMatchesCentralDifferencesInTraining);
    }

    @Test
    void anEvaluationThatUpdatesABufferFails() {
        failsForSomeSeed(contract(Mistake.EVALUATION_UPDATES)::evaluationIsDeterministicAndKeepsBuffersTrainingIsRepeatable);
    }

    @Test
    void writingPastTheBatchFails() {
        failsForSomeSeed(contract(Mistake.WRITES_PAST_END)::readsAndWritesTheFirstNRowsOnly);
    }

    @Test
    void allocatingEveryStepFails() {
        assertThrows(AssertionError.class, contract(Mistake.ALLOCATES)::aWarmTrainingStepAllocatesNothing);
    }
}
