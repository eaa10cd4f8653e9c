package dev.nn.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nn.core.config.ConfigException;
import nn.core.contract.ActivationContract;
import nn.core.contract.ProviderParams;
import nn.core.spi.Activation;
import nn.core.spi.ActivationProvider;
import nn.core.tensor.Rng;
import nn.core.train.Plugins;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * swish through nn's activation contract (core's test-jar): registration, parameters, backward against central
 * differences, float32, and reference values; with the default β = 1 and, nested, with β = 1.7.
 */
class SwishProviderTest extends ActivationContract {
    @Override
    protected ActivationProvider provider() {
        return new SwishProvider();
    }

    /** python3 with mpmath (50 digits): float(z / (1 + exp(-beta·z))), beta = 1. */
    @Override
    protected List<Reference> references() {
        return List.of(Reference.at(-20, -4.122307236380407e-08), Reference.at(-3, -0.14227761953270035),
                Reference.at(-0.5, -0.18877033439907273), Reference.at(0, 0.0), Reference.at(0.5, 0.3112296656009273),
                Reference.at(3, 2.8577223804672998), Reference.at(20, 19.99999995877693));
    }

    /** Two roundings (the sigmoid, then the product) where the reference has one. */
    @Override
    protected double referenceTolerance() {
        return 4e-16;
    }

    @Nested
    class WithBeta extends ActivationContract {
        @Override
        protected ActivationProvider provider() {
            return new SwishProvider();
        }

        @Override
        protected Activation activation() {
            return provider().create(ProviderParams.of(provider(), "beta: 1.7"));
        }

        /** The same with beta = 1.7. */
        @Override
        protected List<Reference> references() {
            return List.of(Reference.at(-20, -3.4278168630840203e-14), Reference.at(-3, -0.01817940447475234),
                    Reference.at(-0.5, -0.14971642876301353), Reference.at(0, 0.0), Reference.at(0.5, 0.3502835712369865),
                    Reference.at(3, 2.9818205955252477), Reference.at(20, 19.999999999999964));
        }

        @Override
        protected double referenceTolerance() {
            return 4e-16;
        }
    }

    /** At β = 1 swish is nn's built-in silu (torch.nn.SiLU): f to 4e-16 relative, f' to 1e-15 (two ways of rounding it). */
    @Test
    void betaOneIsTheBuiltInSilu() {
        ActivationProvider silu = Plugins.load(getClass().getClassLoader()).activations.find("silu");
        Activation f = activation(), g = silu.create(ProviderParams.of(silu, ""));
        Rng rng = new Rng(3);
        int n = 200;
        double[] z = new double[n], dout = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = rng.uniform(-30, 30);
            dout[i] = 1.0;
        }
        double[] fz = new double[n], gz = new double[n], df = new double[n], dg = new double[n];
        f.forward(z, fz, 1, n);
        g.forward(z, gz, 1, n);
        f.backward(z, fz, dout, df, 1, n);
        g.backward(z, gz, dout, dg, 1, n);
        for (int i = 0; i < n; i++) {
            int at = i;
            assertEquals(gz[i], fz[i], 4e-16 * Math.abs(gz[i]), () -> "f(" + z[at] + ")");
            assertEquals(dg[i], df[i], 1e-15, () -> "f'(" + z[at] + ")"); // s + z·s·(1 − s) cancels near z = −1.28
        }
    }

    /** Far out the exponential overflows in the naive form; here f is z above and 0 below, f' 1 and 0. */
    @Test
    void largeInputsStayFinite() {
        Activation f = activation();
        double[] z = {-1000, 1000}, out = new double[2], dz = new double[2];
        f.forward(z, out, 1, 2);
        f.backward(z, out, new double[] {1, 1}, dz, 1, 2);
        assertEquals(-0.0, out[0], 0.0);
        assertEquals(1000.0, out[1]);
        assertEquals(0.0, dz[0], 0.0);
        assertEquals(1.0, dz[1]);
    }

    @Test
    void aNegativeBetaIsRefusedNamingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> provider().create(ProviderParams.of(provider(), "beta: -1")));
        assertTrue(e.getMessage().endsWith("swish.beta: -1 is out of range (expected a number >= 0)"), e::getMessage);
    }
}
