package nn.core.formula;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nn.core.explain.ParamRef;
import nn.core.explain.Units;
import nn.core.spi.Activation;
import nn.core.train.Network;

/**
 * What the names and functions of an expression mean for one network and one input: the parameters by their nn grad
 * names (w1, b2; any case), the inputs (I, or I1, I2, …), the network's activations by symbol (s or sigmoid, tanh,
 * relu, …) and exp, log, abs. {@link #eval} computes an expression with them; d(x), like s'(x), is a derivative:
 * of the activation of the unit whose pre-activation x is, found by the caller ({@link Units}), or of the network's
 * one activation.
 */
public final class Scope {
    /** Finds which activation d(x) means: that of the unit whose pre-activation is x; null when none. */
    public interface Units {
        String activationAt(double z);
    }

    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, Activation> activations = new LinkedHashMap<>();
    private final Units units;

    public Scope(Network net, double[] x, Units units) {
        this.units = units;
        for (ParamRef r : ParamRef.all(net)) values.put(key(r.name()), r.value());
        for (int i = 0; i < net.nin(); i++) values.put(key(nn.core.explain.Units.input(i, net.nin())), x[i]);
        for (var l : net.layers()) if (l.activation() != null) activations.putIfAbsent(l.activationName(), l.activation());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The names an expression may use, for messages. */
    public List<String> names() {
        return new ArrayList<>(values.keySet());
    }

    public double eval(Expr e) {
        if (e instanceof Expr.Num n) return n.value();
        if (e instanceof Expr.Name n) {
            Double v = values.get(key(n.name()));
            if (v == null) {
                String near = nn.core.Names.closest(n.name(), names());
                throw new ExprParser.ExprException(n.at(), "unknown name '" + n.name() + "'" + (near == null ? "" : " (did you mean " + near + "?)")
                        + ": the names are the parameters' (w1, b1, …) and the inputs' (" + nn.core.explain.Units.input(0, 1) + " or I1, I2, …)");
            }
            return v;
        }
        if (e instanceof Expr.Neg n) return -eval(n.e());
        if (e instanceof Expr.Bin b) {
            double a = eval(b.a()), c = eval(b.b());
            return switch (b.op()) {
                case '+' -> a + c;
                case '-' -> a - c;
                case '*' -> a * c;
                case '/' -> a / c;
                default -> Math.pow(a, c);
            };
        }
        Expr.Call c = (Expr.Call) e;
        double x = eval(c.arg());
        boolean derivative = c.derivative() || c.fn().equals("d");
        if (!derivative) {
            switch (c.fn()) {
                case "exp": return Math.exp(x);
                case "log": case "ln": return Math.log(x);
                case "abs": return Math.abs(x);
                default: break;
            }
        }
        Activation f = activation(c, x);
        double[] z = {x}, a = new double[1];
        f.forward(z, a, 1, 1);
        if (!derivative) return a[0];
        double[] one = {1}, dz = new double[1];
        f.backward(z, a, one, dz, 1, 1);
        return dz[0];
    }

    /** The activation c names (its symbol or provider name); for d, the one of the unit whose pre-activation x is. */
    Activation activation(Expr.Call c, double x) {
        String name = c.fn().equals("s") || c.fn().equals("σ") ? "sigmoid" : c.fn();
        if (name.equals("d")) {
            String at = units.activationAt(x);
            if (at == null && activations.size() == 1) at = activations.keySet().iterator().next();
            if (at == null) {
                throw new ExprParser.ExprException(c.at(), "d(…) = " + x + " is the pre-activation of no unit, and the network has several"
                        + " activations: write the one you mean, as s'(…) or tanh'(…)");
            }
            return activations.get(at);
        }
        Activation f = activations.get(name);
        if (f == null) {
            List<String> known = new ArrayList<>(List.of("exp", "log", "abs", "d"));
            for (String a : activations.keySet()) known.add(a.equals("sigmoid") ? "s" : a);
            throw new ExprParser.ExprException(c.at(), "unknown function '" + c.fn() + "' (this network's: " + String.join(", ", known) + ")");
        }
        return f;
    }
}
