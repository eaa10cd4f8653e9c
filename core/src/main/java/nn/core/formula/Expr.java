package nn.core.formula;

import java.util.List;

/**
 * A closed-form expression as a learner writes one and as {@code nn grad --formula} prints one: numbers, names
 * (parameters w1, b2, …; inputs I, I1, …), the four operations and powers, and functions: an activation f(x)
 * (s for sigmoid, tanh, relu, …), its derivative f'(x) (d(x) for the activation of the unit whose pre-activation
 * x is), exp, log and abs. Each node keeps the column where it was written (1-based; 0 for one nn made).
 */
public sealed interface Expr {
    int at();

    record Num(double value, int at) implements Expr {}

    record Name(String name, int at) implements Expr {}

    record Neg(Expr e, int at) implements Expr {}

    /** a op b, op one of + - * / ^. */
    record Bin(char op, Expr a, Expr b, int at) implements Expr {}

    /**
     * fn(arg), or with derivative fn'(arg). fn is what was written: an activation's symbol (s, sigmoid, tanh,
     * relu, …), d (the derivative of the activation of the unit the argument belongs to), exp, log or abs.
     */
    record Call(String fn, boolean derivative, Expr arg, int at) implements Expr {}

    /** The names e mentions, as written. */
    static java.util.Set<String> names(Expr e) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        names(e, out);
        return out;
    }

    private static void names(Expr e, java.util.Set<String> out) {
        if (e instanceof Name n) out.add(n.name());
        else if (e instanceof Neg n) names(n.e(), out);
        else if (e instanceof Call c) names(c.arg(), out);
        else if (e instanceof Bin b) {
            names(b.a(), out);
            names(b.b(), out);
        }
    }

    static Expr sum(List<Expr> terms) {
        Expr e = terms.get(0);
        for (int i = 1; i < terms.size(); i++) e = new Bin('+', e, terms.get(i), 0);
        return e;
    }
}
