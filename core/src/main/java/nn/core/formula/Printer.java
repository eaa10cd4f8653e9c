package nn.core.formula;

import nn.core.explain.Units;

/**
 * Writes an {@link Expr} as text, with the parentheses precedence needs and no more: plain (ASCII that Python
 * evaluates once s and the other activations are defined: {@code *}, {@code /}, {@code **}), LaTeX, or Desmos
 * (LaTeX that Desmos reads: {@code \cdot}, subscripted names {@code w_{1}}, one-letter functions).
 */
public final class Printer {
    public enum Style { plain, latex, desmos }

    private final Style style;

    private Printer(Style style) {
        this.style = style;
    }

    public static String print(Expr e, Style style) {
        StringBuilder out = new StringBuilder();
        new Printer(style).write(e, out);
        return out.toString();
    }

    /** A number as short as it reads back: 1, 0.5, -2, 1.0E-5 (plain), 1\times10^{-5} (LaTeX and Desmos). */
    public static String number(double v, Style style) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = Double.toString(v);
        if (style == Style.plain || !s.contains("E")) return s;
        String[] m = s.split("E");
        return m[0] + "\\times10^{" + m[1] + "}";
    }

    private static int precedence(Expr e) {
        if (e instanceof Expr.Bin b) return switch (b.op()) {
            case '+', '-' -> 1;
            case '*', '/' -> 2;
            default -> 4;
        };
        if (e instanceof Expr.Neg) return 3;
        if (e instanceof Expr.Num n && n.value() < 0) return 3;
        return 5;
    }

    private void write(Expr e, StringBuilder out) {
        if (e instanceof Expr.Num n) {
            out.append(number(n.value(), style));
        } else if (e instanceof Expr.Name n) {
            out.append(style == Style.plain ? n.name() : Units.latex(n.name()));
        } else if (e instanceof Expr.Neg n) {
            out.append('-');
            child(n.e(), 3, false, out);
        } else if (e instanceof Expr.Call c) {
            call(c, out);
        } else {
            bin((Expr.Bin) e, out);
        }
    }

    private void bin(Expr.Bin b, StringBuilder out) {
        if (b.op() == '/' && style != Style.plain) {
            out.append("\\frac{");
            write(b.a(), out);
            out.append("}{");
            write(b.b(), out);
            out.append('}');
            return;
        }
        int p = precedence(b);
        if (b.op() == '^') {
            child(b.a(), p, true, out);
            if (style == Style.plain) {
                out.append("**");
                child(b.b(), p, false, out);
            } else {
                out.append("^{");
                write(b.b(), out);
                out.append('}');
            }
            return;
        }
        child(b.a(), p, false, out);
        if (b.op() == '+' && b.b() instanceof Expr.Num n && n.value() < 0) { // x + -1.5 reads as x - 1.5
            out.append(" - ");
            write(new Expr.Num(-n.value(), n.at()), out);
            return;
        }
        out.append(switch (b.op()) {
            case '+' -> " + ";
            case '-' -> " - ";
            case '*' -> style == Style.plain ? "*" : " \\cdot ";
            default -> "/";
        });
        child(b.b(), p, b.op() == '-' || b.op() == '/', out);
    }

    /** c in parentheses when it binds looser than its parent (or as tightly, on the side where that matters). */
    private void child(Expr c, int parent, boolean tight, StringBuilder out) {
        int p = precedence(c);
        // a negative number as an operand of * / or ^ in parentheses: 0.5*(-2), not 0.5*-2
        boolean wrap = p < parent || tight && p == parent || c instanceof Expr.Num n && n.value() < 0 && parent >= 2;
        if (wrap) out.append(style == Style.plain ? "(" : "\\left(");
        write(c, out);
        if (wrap) out.append(style == Style.plain ? ")" : "\\right)");
    }

    private void call(Expr.Call c, StringBuilder out) {
        String fn = c.fn() + (c.derivative() ? "'" : "");
        if (style != Style.plain) fn = latexFunction(c.fn(), style) + (c.derivative() ? "'" : "");
        out.append(fn).append(style == Style.plain ? "(" : "\\left(");
        write(c.arg(), out);
        out.append(style == Style.plain ? ")" : "\\right)");
    }

    /** How a function is written in LaTeX or Desmos: \sigma / s, \tanh, \exp, \ln, \mathrm{relu} / r, … */
    static String latexFunction(String fn, Style style) {
        return switch (fn) {
            case "s" -> style == Style.desmos ? "s" : "\\sigma";
            case "tanh" -> "\\tanh";
            case "exp" -> "\\exp";
            case "log" -> "\\ln";
            case "abs" -> "\\operatorname{abs}";
            default -> style == Style.desmos ? Desmos.letter(fn) : "\\mathrm{" + fn.replace("_", "\\_") + "}";
        };
    }
}
