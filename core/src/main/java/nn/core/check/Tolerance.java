package nn.core.check;

/**
 * The finite-difference step and the agreement bound |analytic − numeric| ≤ atol + rtol·max(|analytic|, |numeric|)
 * ({@link nn.core.train.Gradients#agree}), as {@code nn grad --check} uses them.
 */
public record Tolerance(double eps, double atol, double rtol) {
    /** nn grad --check's: ε = 1e-6, atol = 1e-7, rtol = 1e-5, right for float64 central differences. */
    public static final Tolerance DEFAULT = new Tolerance(1e-6, 1e-7, 1e-5);
}
