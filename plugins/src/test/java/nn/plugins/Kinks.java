package nn.plugins;

import java.util.List;
import java.util.Set;
import nn.core.spi.Layer;
import nn.core.spi.Parameter;
import nn.core.train.Network;

/**
 * Whether finite differences can be trusted at a point: not when a pre-activation of a kinked activation (relu,
 * leaky_relu, elu) lies within a step of its kink, where the function has no derivative to approximate.
 */
final class Kinks {
    static final Set<String> KINKED = Set.of("relu", "leaky_relu", "elu");

    private Kinks() {}

    /** Whether any kinked pre-activation of net for rows rows of input in is within kink of 0 (evaluation mode). */
    static boolean near(Network net, double[] in, int rows, double kink) {
        for (Layer l : net.layers()) {
            List<Parameter> ps = l.parameters();
            if (KINKED.contains(l.activationName())) {
                double[] w = ps.get(0).data(), b = ps.size() > 1 ? ps.get(1).data() : null;
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < l.nout(); j++) {
                        double z = b == null ? 0 : b[j];
                        for (int i = 0; i < l.nin(); i++) z += in[r * l.nin() + i] * w[j * l.nin() + i];
                        if (Math.abs(z) < kink) return true;
                    }
                }
            }
            l.allocate(rows);
            double[] out = new double[rows * l.nout()];
            l.forward(in, out, rows, false);
            in = out;
        }
        return false;
    }

    /** The network's output for rows rows of in, in evaluation mode (as {@link #near} computes it, layer by layer). */
    static double[] output(Network net, double[] in, int rows) {
        for (Layer l : net.layers()) {
            l.allocate(rows);
            double[] out = new double[rows * l.nout()];
            l.forward(in, out, rows, false);
            in = out;
        }
        return in;
    }
}
