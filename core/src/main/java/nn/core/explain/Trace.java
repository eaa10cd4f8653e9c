package nn.core.explain;

import java.util.ArrayList;
import java.util.List;
import nn.core.BadInputException;
import nn.core.spi.Activation;
import nn.core.spi.Layer;
import nn.core.spi.Parameter;
import nn.core.tensor.Kernels;
import nn.core.train.Network;

/**
 * One sample's forward pass through a stack of dense layers, a = f(z), z = W·x + b, recomputed from the layers'
 * parameters, with each activation's Jacobian found through {@link Activation#backward} so that every activation
 * provider works.
 */
public final class Trace {
    /**
     * One layer: x its input, z and a its pre-activation and output, jac[j][i] = ∂a_j/∂z_i, elementwise when jac is
     * diagonal, deriv[i] = ∂a_i/∂z_i (from backward with dout = 1 when elementwise).
     */
    public record Step(String activation, double[] w, int nin, int nout, double[] x, double[] z, double[] a,
                       double[][] jac, boolean elementwise, double[] deriv) {
        public double weight(int unit, int input) {
            return w[unit * nin + input];
        }
    }

    private Trace() {}

    /** The steps for input row x (nin values, not modified). */
    public static List<Step> of(Network net, double[] x) {
        List<Step> steps = new ArrayList<>();
        double[] in = x.clone();
        for (int li = 0; li < net.layers().size(); li++) {
            Layer l = net.layers().get(li);
            Activation f = l.activation();
            List<Parameter> ps = l.parameters();
            if (f == null || ps.isEmpty() || ps.get(0).shape().length != 2) {
                throw new BadInputException("--explain: model.layers[" + li + "] is not a dense layer a = f(x·Wᵀ + b);"
                        + " explanations cover stacks of dense layers only");
            }
            int nin = l.nin(), nout = l.nout();
            double[] w = ps.get(0).data();
            double[] b = ps.size() > 1 ? ps.get(1).data() : null;
            double[] z = new double[nout];
            Kernels.linear(in, w, b, z, 1, nin, nout); // the dense layer's own kernel: the same z to the last bit
            double[] a = new double[nout];
            f.forward(z, a, 1, nout);
            double[][] jac = new double[nout][nout];
            boolean elementwise = true;
            double[] unit = new double[nout], dz = new double[nout];
            for (int j = 0; j < nout; j++) {
                java.util.Arrays.fill(unit, 0);
                unit[j] = 1;
                f.backward(z, a, unit, dz, 1, nout);
                for (int i = 0; i < nout; i++) {
                    jac[j][i] = dz[i];
                    if (i != j && dz[i] != 0) elementwise = false;
                }
            }
            double[] deriv = new double[nout];
            double[] ones = new double[nout];
            java.util.Arrays.fill(ones, 1.0);
            f.backward(z, a, ones, deriv, 1, nout);
            if (!elementwise) for (int j = 0; j < nout; j++) deriv[j] = jac[j][j];
            steps.add(new Step(l.activationName() == null ? "f" : l.activationName(), w.clone(), nin, nout, in, z, a, jac, elementwise, deriv));
            in = a;
        }
        return steps;
    }
}
