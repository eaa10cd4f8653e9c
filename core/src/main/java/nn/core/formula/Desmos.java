package nn.core.formula;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nn.core.BadInputException;
import nn.core.explain.Units;

/**
 * A formula as lines to paste into Desmos: the activations it uses defined as one-letter functions
 * ({@code s(x)=\frac{1}{1+e^{-x}}}, {@code r(x)=\max(0,x)}; tanh is Desmos's own), then each parameter and input
 * with its value ({@code w_{1}=0.5}: Desmos offers each as a slider), then the formula itself.
 */
public final class Desmos {
    private Desmos() {}

    /** The one-letter name Desmos knows an activation by. */
    static String letter(String fn) {
        return switch (fn) {
            case "s" -> "s";
            case "relu" -> "r";
            default -> throw new BadInputException("--format desmos: the activation " + fn + " has no Desmos form here (sigmoid, tanh, relu and"
                    + " softmax have); --format latex or plain writes it");
        };
    }

    /** The lines: definitions, values (name → value, in order), then name = formula for each of formulas. */
    public static List<String> lines(Map<String, Expr> formulas, Map<String, Double> values) {
        Set<String> used = new LinkedHashSet<>();
        for (Expr e : formulas.values()) functions(e, used);
        List<String> out = new ArrayList<>();
        for (String f : used) {
            if (f.equals("s")) out.add("s(x)=\\frac{1}{1+e^{-x}}");
            else if (f.equals("relu")) out.add("r(x)=\\max(0,x)");
            else if (!List.of("tanh", "exp", "log", "abs").contains(f)) letter(f);
        }
        values.forEach((name, v) -> out.add(Units.latex(name) + "=" + Printer.number(v, Printer.Style.desmos)));
        formulas.forEach((name, e) -> out.add(Units.latex(name) + "=" + Printer.print(e, Printer.Style.desmos)));
        return out;
    }

    private static void functions(Expr e, Set<String> used) {
        if (e instanceof Expr.Call c) {
            used.add(c.fn());
            functions(c.arg(), used);
        } else if (e instanceof Expr.Bin b) {
            functions(b.a(), used);
            functions(b.b(), used);
        } else if (e instanceof Expr.Neg n) {
            functions(n.e(), used);
        }
    }
}
