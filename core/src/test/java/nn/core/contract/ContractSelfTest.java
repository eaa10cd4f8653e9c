package nn.core.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.LongConsumer;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.spi.Initializer;
import nn.core.spi.InitializerProvider;
import nn.core.spi.Loss;
import nn.core.spi.LossProvider;
import nn.core.spi.Param;
import nn.core.spi.Params;
import nn.core.tensor.Rng;
import org.junit.jupiter.api.Test;

/**
 * The contracts can fail: each is run on a correct implementation written here (it passes) and on the same
 * implementation with one deliberate mistake (it fails). The contracts are anonymous subclasses, so JUnit does not
 * discover them as test classes of their own.
 */
class ContractSelfTest {
    // ---- activations ----------------------------------------------------------------------------------------

    private enum Mistake { NONE, WRONG_DERIVATIVE, NOT_IN_PLACE_SAFE, WRITES_Z, WRITES_PAST_END }

    /** Softmax over rows, with an optional mistake (softmax, so that in-place safety is not trivial). */
    private record Softmax(Mistake mistake) implements Activation {
        @Override
        public void forward(double[] z, double[] out, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                double m = Double.NEGATIVE_INFINITY, s = 0;
                for (int j = 0; j < cols; j++) m = Math.max(m, z[o + j]);
                for (int j = 0; j < cols; j++) s += out[o + j] = Math.exp(z[o + j] - m);
                for (int j = 0; j < cols; j++) out[o + j] /= s;
            }
            if (mistake == Mistake.WRITES_Z) System.arraycopy(out, 0, z, 0, rows * cols);
            if (mistake == Mistake.WRITES_PAST_END && out.length > rows * cols) out[rows * cols] = 0.0;
        }

        @Override
        public void backward(double[] z, double[] out, double[] dout, double[] dz, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                if (mistake == Mistake.NOT_IN_PLACE_SAFE) {
                    for (int j = 0; j < cols; j++) dz[o + j] = out[o + j] * dout[o + j];
                    double dot = 0;
                    for (int j = 0; j < cols; j++) dot += dout[o + j] * out[o + j];
                    for (int j = 0; j < cols; j++) dz[o + j] -= out[o + j] * dot;
                    continue;
                }
                double dot = 0;
                for (int j = 0; j < cols; j++) dot += dout[o + j] * out[o + j];
                // the wrong derivative forgets the off-diagonal terms of the Jacobian
                for (int j = 0; j < cols; j++) {
                    double y = out[o + j];
                    dz[o + j] = mistake == Mistake.WRONG_DERIVATIVE ? y * (1 - y) * dout[o + j] : y * (dout[o + j] - dot);
                }
            }
        }
    }

    private static ActivationContract contract(String name, List<Param> params, Activation f, List<ActivationContract.Reference> refs) {
        return new ActivationContract() {
            @Override
            protected ActivationProvider provider() {
                return new ActivationProvider() {
                    @Override
                    public String name() {
                        return name;
                    }

                    @Override
                    public String doc() {
                        return "f(z)_j = exp(z_j) / Σ_k exp(z_k)";
                    }

                    @Override
                    public List<Param> params() {
                        return params;
                    }

                    @Override
                    public Activation create(Params p) {
                        return f;
                    }
                };
            }

            @Override
            protected List<Reference> references() {
                return refs;
            }
        };
    }

    private static final List<ActivationContract.Reference> SOFTMAX_REFS = List.of(
            // python3: [math.exp(v) / sum(math.exp(u) for u in (0, 1, 2)) for v in (0, 1, 2)]
            new ActivationContract.Reference(1, 3, new double[] {0, 1, 2},
                    new double[] {0.09003057317038046, 0.24472847105479764, 0.6652409557748219}));

    private static ActivationContract softmax(Mistake m) {
        return contract("softmax", List.of(), new Softmax(m), SOFTMAX_REFS);
    }

    private static void passesForEverySeed(LongConsumer test) {
        Seeds.passEvery(20, test);
    }

    private static void failsForSomeSeed(LongConsumer test) {
        Seeds.failSome(20, test);
    }

    @Test
    void aCorrectActivationPasses() {
        ActivationContract c = softmax(Mistake.NONE);
        passesForEverySeed(c::backwardMatchesCentralDifferences);
        passesForEverySeed(c::backwardMayWriteIntoDout);
        passesForEverySeed(c::forwardIsDeterministicAndLeavesZ);
        passesForEverySeed(c::touchesOnlyRowsTimesColsValues);
        c.matchesReferenceValues();
        c.nameIsSnakeCase();
        c.docIsOneNonEmptyLine();
        c.registryRejectsADuplicateNameNamingBothClasses();
        c.unknownParameterIsRejectedNamingIt();
    }

    @Test
    void aWrongJacobianFailsTheCentralDifferenceCheck() {
        failsForSomeSeed(softmax(Mistake.WRONG_DERIVATIVE)::backwardMatchesCentralDifferences);
    }

    @Test
    void aBackwardThatReadsDoutAfterWritingDzFailsOnlyTheInPlaceCheck() {
        ActivationContract c = softmax(Mistake.NOT_IN_PLACE_SAFE);
        passesForEverySeed(c::backwardMatchesCentralDifferences);
        failsForSomeSeed(c::backwardMayWriteIntoDout);
    }

    @Test
    void aForwardThatWritesZFails() {
        failsForSomeSeed(softmax(Mistake.WRITES_Z)::forwardIsDeterministicAndLeavesZ);
    }

    @Test
    void aForwardThatWritesPastRowsTimesColsFails() {
        failsForSomeSeed(softmax(Mistake.WRITES_PAST_END)::touchesOnlyRowsTimesColsValues);
    }

    @Test
    void aWrongReferenceValueFails() {
        ActivationContract c = contract("softmax", List.of(), new Softmax(Mistake.NONE), List.of(
                new ActivationContract.Reference(1, 2, new double[] {0, 0}, new double[] {0.5, 0.5 + 1e-14})));
        assertThrows(AssertionError.class, c::matchesReferenceValues);
        ActivationContract none = contract("softmax", List.of(), new Softmax(Mistake.NONE), List.of());
        assertThrows(AssertionError.class, none::matchesReferenceValues);
    }

    @Test
    void badNamesDocsAndParamsFail() {
        Softmax f = new Softmax(Mistake.NONE);
        for (String name : List.of("Softmax", "soft-max", "soft__max", "_softmax", "softmax_", "")) {
            assertThrows(AssertionError.class, contract(name, List.of(), f, SOFTMAX_REFS)::nameIsSnakeCase, name);
        }
        assertThrows(AssertionError.class, contract("softmax", List.of(Param.real("t", 1, "temperature"), Param.real("t", 2, "again")),
                f, SOFTMAX_REFS)::paramsAreUniquelyNamedSnakeCaseAndDocumented);
        assertThrows(AssertionError.class, contract("softmax", List.of(Param.real("Temperature", 1, "temperature")),
                f, SOFTMAX_REFS)::paramsAreUniquelyNamedSnakeCaseAndDocumented);
        assertThrows(AssertionError.class, contract("softmax", List.of(Param.real("t", 1, " ")),
                f, SOFTMAX_REFS)::paramsAreUniquelyNamedSnakeCaseAndDocumented);
        assertThrows(AssertionError.class, contract("softmax", List.of(new Param("t", Param.Type.REAL, 1, "an Integer default")),
                f, SOFTMAX_REFS)::paramDefaultsHaveTheDeclaredType);
        assertThrows(AssertionError.class, contract("softmax", List.of(new Param("n", Param.Type.INT, 1, "an Integer, not a Long")),
                f, SOFTMAX_REFS)::paramDefaultsHaveTheDeclaredType);
        contract("softmax", List.of(Param.real("t", 1, "temperature"), Param.integer("n", 1, "n"), Param.bool("b", true, "b"),
                Param.requiredReal("r", "required")), f, SOFTMAX_REFS).paramDefaultsHaveTheDeclaredType();
    }

    @Test
    void aProviderMissingFromMetaInfServicesFails() {
        // core's test class path has no META-INF/services entries at all
        assertThrows(AssertionError.class, softmax(Mistake.NONE)::isRegisteredThroughServiceLoader);
    }

    // ---- losses -----------------------------------------------------------------------------------------------

    /** Mean squared error; the mistakes: a gradient without the factor 2, or one written past rows·cols. */
    private record Mse(Mistake mistake) implements Loss {
        @Override
        public double value(double[] y, double[] t, int rows, int cols) {
            double s = 0;
            for (int i = 0; i < rows * cols; i++) s += (y[i] - t[i]) * (y[i] - t[i]);
            return s / (rows * cols);
        }

        @Override
        public void gradient(double[] y, double[] t, double[] dy, int rows, int cols) {
            int n = rows * cols;
            double k = mistake == Mistake.WRONG_DERIVATIVE ? 1.0 / n : 2.0 / n;
            for (int i = 0; i < n; i++) dy[i] = k * (y[i] - t[i]);
            if (mistake == Mistake.WRITES_PAST_END && dy.length > n) dy[n] = 0;
        }
    }

    private static LossContract contract(Loss loss, double reference) {
        return new LossContract() {
            @Override
            protected LossProvider provider() {
                return new LossProvider() {
                    @Override
                    public String name() {
                        return "mse";
                    }

                    @Override
                    public String doc() {
                        return "L = (1/N) Σ (y - t)²";
                    }

                    @Override
                    public Loss create(Params p) {
                        return loss;
                    }
                };
            }

            @Override
            protected void sample(Rng rng, double[] y, double[] t, int rows, int cols) {
                for (int i = 0; i < y.length; i++) {
                    y[i] = rng.uniform(-2, 2);
                    t[i] = rng.uniform(-2, 2);
                }
            }

            @Override
            protected List<Reference> references() {
                // ((1 - 0)² + (2 - 4)²) / 2 = 2.5
                return List.of(new Reference(1, 2, new double[] {1, 2}, new double[] {0, 4}, reference));
            }
        };
    }

    @Test
    void aCorrectLossPasses() {
        LossContract c = contract(new Mse(Mistake.NONE), 2.5);
        passesForEverySeed(c::gradientMatchesCentralDifferences);
        passesForEverySeed(c::valueIsFiniteDeterministicAndLeavesInputs);
        passesForEverySeed(c::touchesOnlyRowsTimesColsValues);
        c.matchesReferenceValues();
    }

    @Test
    void aLossWithAWrongGradientFails() {
        failsForSomeSeed(contract(new Mse(Mistake.WRONG_DERIVATIVE), 2.5)::gradientMatchesCentralDifferences);
        failsForSomeSeed(contract(new Mse(Mistake.WRITES_PAST_END), 2.5)::touchesOnlyRowsTimesColsValues);
        assertThrows(AssertionError.class, contract(new Mse(Mistake.NONE), 2.5 + 1e-13)::matchesReferenceValues);
    }

    // ---- fused losses -----------------------------------------------------------------------------------------

    private enum FusedMistake { NONE, WRONG_GRADIENT, OTHER_REDUCTION }

    /** Cross-entropy on probabilities, −(1/B) Σ t·log y, whose form fused with softmax carries the mistake. */
    private record CrossEntropy(FusedMistake mistake) implements Loss {
        @Override
        public double value(double[] y, double[] t, int rows, int cols) {
            double s = 0;
            for (int i = 0; i < rows * cols; i++) if (t[i] != 0) s -= t[i] * Math.log(y[i]);
            return s / rows;
        }

        @Override
        public void gradient(double[] y, double[] t, double[] dy, int rows, int cols) {
            for (int i = 0; i < rows * cols; i++) dy[i] = t[i] == 0 ? 0 : -t[i] / (rows * y[i]);
        }

        @Override
        public Loss fusedWith(String activation) {
            return activation.equals("softmax") ? new LogSoftmax(mistake) : null;
        }
    }

    /**
     * −(1/B) Σ t·log_softmax(z); the mistakes: a gradient of the wrong sign, or a mean over all elements in value and
     * gradient alike (self-consistent, but not the loss of softmax(z)).
     */
    private record LogSoftmax(FusedMistake mistake) implements Loss {
        @Override
        public double value(double[] z, double[] t, int rows, int cols) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                double m = Double.NEGATIVE_INFINITY, e = 0;
                for (int j = 0; j < cols; j++) m = Math.max(m, z[o + j]);
                for (int j = 0; j < cols; j++) e += Math.exp(z[o + j] - m);
                for (int j = 0; j < cols; j++) if (t[o + j] != 0) s -= t[o + j] * (z[o + j] - m - Math.log(e));
            }
            return s / (mistake == FusedMistake.OTHER_REDUCTION ? rows * cols : rows);
        }

        @Override
        public void gradient(double[] z, double[] t, double[] dz, int rows, int cols) {
            double[] p = new double[rows * cols];
            new Softmax(Mistake.NONE).forward(z, p, rows, cols);
            int div = mistake == FusedMistake.OTHER_REDUCTION ? rows * cols : rows;
            for (int r = 0; r < rows; r++) {
                double st = 0;
                for (int j = 0; j < cols; j++) st += t[r * cols + j];
                for (int j = 0; j < cols; j++) {
                    int i = r * cols + j;
                    dz[i] = (p[i] * st - t[i]) / div * (mistake == FusedMistake.WRONG_GRADIENT ? -1 : 1);
                }
            }
        }
    }

    private static LossContract fusedContract(FusedMistake mistake) {
        return new LossContract() {
            @Override
            protected LossProvider provider() {
                return new LossProvider() {
                    @Override
                    public String name() {
                        return "cross_entropy";
                    }

                    @Override
                    public String doc() {
                        return "L = -(1/B) Σ t·log(y)";
                    }

                    @Override
                    public Loss create(Params p) {
                        return new CrossEntropy(mistake);
                    }
                };
            }

            @Override
            protected java.util.Map<String, Activation> activations() {
                return java.util.Map.of("softmax", new Softmax(Mistake.NONE));
            }

            @Override
            protected void sample(Rng rng, double[] y, double[] t, int rows, int cols) {
                for (int r = 0; r < rows; r++) {
                    double s = 0;
                    for (int j = 0; j < cols; j++) s += y[r * cols + j] = Math.exp(rng.uniform(-2, 2));
                    int hot = rng.nextInt(cols);
                    for (int j = 0; j < cols; j++) {
                        y[r * cols + j] /= s;
                        t[r * cols + j] = j == hot ? 1 : 0;
                    }
                }
            }

            @Override
            protected List<Reference> references() {
                // python3: -math.log(0.7)
                return List.of(new Reference(1, 3, new double[] {0.7, 0.2, 0.1}, new double[] {1, 0, 0}, 0.35667494393873245));
            }
        };
    }

    @Test
    void aCorrectFusedLossPasses() {
        LossContract c = fusedContract(FusedMistake.NONE);
        passesForEverySeed(c::gradientMatchesCentralDifferences);
        passesForEverySeed(c::fusedGradientMatchesCentralDifferencesOnZ);
        passesForEverySeed(c::fusedEqualsTheLossOfTheActivationsOutput);
        c.matchesReferenceValues();
    }

    @Test
    void aFusedLossWithAWrongGradientFails() {
        failsForSomeSeed(fusedContract(FusedMistake.WRONG_GRADIENT)::fusedGradientMatchesCentralDifferencesOnZ);
        failsForSomeSeed(fusedContract(FusedMistake.WRONG_GRADIENT)::fusedEqualsTheLossOfTheActivationsOutput);
    }

    @Test
    void aFusedLossThatIsAnotherFunctionFailsOnlyTheAgreementCheck() {
        LossContract c = fusedContract(FusedMistake.OTHER_REDUCTION);
        passesForEverySeed(c::fusedGradientMatchesCentralDifferencesOnZ);
        failsForSomeSeed(c::fusedEqualsTheLossOfTheActivationsOutput);
    }

    @Test
    void theFusedChecksAreSkippedForALossWithoutAFusedForm() {
        LossContract c = contract(new Mse(Mistake.NONE), 2.5);
        assertThrows(org.opentest4j.TestAbortedException.class, () -> c.fusedGradientMatchesCentralDifferencesOnZ(1));
        assertThrows(org.opentest4j.TestAbortedException.class, () -> c.fusedEqualsTheLossOfTheActivationsOutput(1));
    }

    // ---- initializers -----------------------------------------------------------------------------------------

    /** A contract documenting U(−b, b), b = √(6/fan_in), whose variance is 2/fan_in; bounded: check the support too. */
    private static InitializerContract contract(Initializer init, double variancePerFanIn, boolean bounded) {
        return new InitializerContract() {
            @Override
            protected InitializerProvider provider() {
                return new InitializerProvider() {
                    @Override
                    public String name() {
                        return "he_uniform";
                    }

                    @Override
                    public String doc() {
                        return "w ~ U(-b, b), b = √(6/fan_in)";
                    }

                    @Override
                    public Initializer create(Params p) {
                        return init;
                    }
                };
            }

            @Override
            protected double mean(int fanIn, int fanOut) {
                return 0;
            }

            @Override
            protected double variance(int fanIn, int fanOut) {
                return variancePerFanIn / fanIn;
            }

            @Override
            protected double kurtosis() {
                return 1.8;
            }

            @Override
            protected double[] support(int fanIn, int fanOut) {
                return !bounded ? null : new double[] {-Math.sqrt(6.0 / fanIn), Math.sqrt(6.0 / fanIn)};
            }
        };
    }

    private static final Initializer HE_UNIFORM = (w, fanIn, fanOut, rng) -> {
        double b = Math.sqrt(6.0 / fanIn);
        for (int i = 0; i < w.length; i++) w[i] = rng.uniform(-b, b);
    };

    @Test
    void aCorrectInitializerPasses() {
        InitializerContract c = contract(HE_UNIFORM, 2.0, true);
        c.sameSeedGivesSameValuesInIndexOrder();
        for (int[] f : new int[][] {{1, 1}, {3, 7}, {64, 16}, {10, 784}}) {
            c.fillsEveryElement(f[0], f[1]);
            c.sampleMomentsMatchTheDistribution(f[0], f[1]);
        }
    }

    @Test
    void anInitializerWithTheWrongScaleFails() {
        // U(-b, b) with b = √(3/fan_in): variance 1/fan_in, not 2/fan_in
        Initializer narrow = (w, fanIn, fanOut, rng) -> {
            double b = Math.sqrt(3.0 / fanIn);
            for (int i = 0; i < w.length; i++) w[i] = rng.uniform(-b, b);
        };
        assertThrows(AssertionError.class, () -> contract(narrow, 2.0, false).sampleMomentsMatchTheDistribution(3, 7));
        // a 10% error in the variance is also caught
        assertThrows(AssertionError.class, () -> contract(HE_UNIFORM, 2.2, false).sampleMomentsMatchTheDistribution(3, 7));
    }

    @Test
    void aNormalWhereAUniformIsDocumentedFailsTheSupportCheck() {
        Initializer normal = (w, fanIn, fanOut, rng) -> {
            for (int i = 0; i < w.length; i++) w[i] = Math.sqrt(2.0 / fanIn) * rng.nextGaussian();
        };
        contract(normal, 2.0, false).sampleMomentsMatchTheDistribution(3, 7);
        assertThrows(AssertionError.class, () -> contract(normal, 2.0, true).sampleMomentsMatchTheDistribution(3, 7));
    }

    @Test
    void anInitializerThatSkipsAnElementOrIgnoresTheSeedFails() {
        Initializer skipsLast = (w, fanIn, fanOut, rng) -> {
            for (int i = 0; i < w.length - 1; i++) w[i] = rng.uniform(-1, 1);
        };
        assertThrows(AssertionError.class, () -> contract(skipsLast, 2.0, false).fillsEveryElement(3, 7));
        Initializer unseeded = (w, fanIn, fanOut, rng) -> {
            java.util.Random r = new java.util.Random();
            for (int i = 0; i < w.length; i++) w[i] = r.nextDouble() - 0.5;
        };
        assertThrows(AssertionError.class, contract(unseeded, 2.0, false)::sameSeedGivesSameValuesInIndexOrder);
        Initializer backwards = (w, fanIn, fanOut, rng) -> {
            for (int i = w.length - 1; i >= 0; i--) w[i] = rng.uniform(-1, 1);
        };
        assertThrows(AssertionError.class, contract(backwards, 2.0, false)::sameSeedGivesSameValuesInIndexOrder);
    }
}
