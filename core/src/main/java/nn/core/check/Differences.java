package nn.core.check;

import java.util.function.DoubleSupplier;
import nn.core.spi.Activation;
import nn.core.spi.Loss;
import nn.core.train.Gradients;

/**
 * Numeric derivatives by central differences, the one implementation behind {@code nn plugins --check} and the
 * providers' contract tests. A derivative of f with respect to x[i] is (f(x + ε·e_i) − f(x − ε·e_i)) divided by the
 * step actually taken, (x_i + ε) − (x_i − ε), rather than by 2ε: the rounding of x_i ± ε then cancels. Every method
 * perturbs one element at a time and restores it exactly, so its array arguments are unchanged on return.
 */
public final class Differences {
    private Differences() {}

    /** ∂f/∂x[i] by central differences; f reads x. x modified during the call, restored exactly. */
    public static double central(double[] x, int i, double eps, DoubleSupplier f) {
        double keep = x[i], plus = keep + eps, minus = keep - eps;
        x[i] = plus;
        double fp = f.getAsDouble();
        x[i] = minus;
        double fm = f.getAsDouble();
        x[i] = keep;
        return (fp - fm) / (plus - minus);
    }

    /**
     * Whether an analytic derivative a, which central differences did not confirm, is right at a kink of f: where the
     * one-sided quotients (f(x) − f(x − ε))/ε and (f(x + ε) − f(x))/ε disagree beyond atol + rtol·max of the two
     * (relu at 0, mae at y = t), central differences average two slopes that the function really has, and a is
     * accepted when it lies between them (within the same tolerance): a one-sided derivative or a subgradient, as
     * PyTorch's relu'(0) = 0. At a smooth point the two quotients agree and this is false. x restored exactly.
     */
    public static boolean atKink(double a, double[] x, int i, double eps, DoubleSupplier f, double atol, double rtol) {
        double keep = x[i], plus = keep + eps, minus = keep - eps;
        double f0 = f.getAsDouble();
        x[i] = plus;
        double fp = f.getAsDouble();
        x[i] = minus;
        double fm = f.getAsDouble();
        x[i] = keep;
        double right = (fp - f0) / (plus - keep), left = (f0 - fm) / (keep - minus);
        if (Gradients.agree(left, right, atol, rtol)) return false;
        double tol = atol + rtol * Math.max(Math.abs(left), Math.abs(right));
        return a >= Math.min(left, right) - tol && a <= Math.max(left, right) + tol;
    }

    /**
     * Σ_j dout_j·f(z)_j over a rows × cols batch, read from z each call: the scalar whose gradient with respect to z
     * is the activation's backward, dz = (∂f/∂z)ᵀ·dout (element-wise functions and softmax alike).
     */
    public static DoubleSupplier projected(Activation f, double[] z, double[] dout, int rows, int cols) {
        int n = rows * cols;
        double[] out = new double[n];
        return () -> {
            f.forward(z, out, rows, cols);
            double s = 0;
            for (int j = 0; j < n; j++) s += dout[j] * out[j];
            return s;
        };
    }

    /**
     * The numeric backward of an activation: dz[i] = ∂(Σ_j dout_j·f(z)_j)/∂z_i for every i, the Jacobian-vector
     * product (∂f/∂z)ᵀ·dout that {@link Activation#backward} computes. z and dout not modified.
     */
    public static double[] activation(Activation f, double[] z, double[] dout, int rows, int cols, double eps) {
        DoubleSupplier g = projected(f, z, dout, rows, cols);
        double[] dz = new double[rows * cols];
        for (int i = 0; i < dz.length; i++) dz[i] = central(z, i, eps, g);
        return dz;
    }

    /** The numeric gradient of a loss: dy[i] = ∂value(y, t)/∂y_i for every i, as {@link Loss#gradient}. y, t not modified. */
    public static double[] loss(Loss loss, double[] y, double[] t, int rows, int cols, double eps) {
        double[] dy = new double[rows * cols];
        for (int i = 0; i < dy.length; i++) dy[i] = central(y, i, eps, () -> loss.value(y, t, rows, cols));
        return dy;
    }
}
