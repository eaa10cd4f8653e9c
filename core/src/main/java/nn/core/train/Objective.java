package nn.core.train;

import nn.core.spi.Loss;

/**
 * A loss on a network's output, with the way to compute it decided once for the pair. When the loss fuses with the
 * last layer's activation ({@link Loss#fusedWith}: cross_entropy after softmax, binary_cross_entropy after sigmoid),
 * the value and the gradient are computed on that layer's pre-activation z, as PyTorch computes CrossEntropyLoss and
 * BCEWithLogitsLoss on logits, and backward starts at ∂L/∂z; otherwise on the output y, as the loss defines. The
 * network's output stays f(z) either way, so predictions and accuracy are unchanged: only the loss and the gradient
 * flowing into z are computed differently, and stay finite where f(z) rounds to 0 or 1.
 *
 * <p>In float32 the fused loss works, as every loss does, in float64: on the layer's float z widened exactly, its
 * ∂L/∂z rounded once to float32 for the layers' backward.
 */
public final class Objective {
    private final Network net;
    private final Loss loss;
    private final Loss fused;

    private Objective(Network net, Loss loss, Loss fused) {
        this.net = net;
        this.loss = loss;
        this.fused = fused;
    }

    /** The objective of loss on net's output: fused with its output activation when the loss offers that. */
    public static Objective of(Network net, Loss loss) {
        String f = net.fusableActivation();
        return new Objective(net, loss, f == null ? null : loss.fusedWith(f));
    }

    /** True when the loss is computed on the last layer's pre-activation. */
    public boolean fused() {
        return fused != null;
    }

    /** The loss of the network's last forward of n rows, whose output is y, against targets t. y and t not modified. */
    public double value(double[] y, double[] t, int n) {
        if (fused != null) return fused.value(net.preActivation(n), t, n, net.nout());
        return loss.value(y, t, n, net.nout());
    }

    /**
     * Adds ∂L/∂θ to every parameter's grad for the network's last forward of n rows (output y) against targets t:
     * the loss's gradient into {@link Network#outputGrad()}, then backward (from z when fused). y and t not modified.
     */
    public void backward(double[] y, double[] t, int n) {
        if (fused != null) {
            fused.gradient(net.preActivation(n), t, net.outputGrad(), n, net.nout());
            net.backwardFromPreActivation(n);
        } else {
            loss.gradient(y, t, net.outputGrad(), n, net.nout());
            net.backward(n);
        }
    }
}
