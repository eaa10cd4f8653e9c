package nn.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nn.core.BadInputException;
import nn.core.explain.ParamRef;
import nn.core.explain.Units;
import nn.core.formula.Desmos;
import nn.core.formula.Expr;
import nn.core.formula.Formula;
import nn.core.formula.Printer;
import nn.core.train.Experiment;
import nn.core.train.Gradients;
import nn.core.train.Network;

/** nn grad --formula: the output (or one sample's loss) as one closed form, plain, LaTeX or for Desmos. */
final class GradFormula {
    private GradFormula() {}

    /** --format with --formula: plain (default), latex or desmos. */
    static Printer.Style style(String format) {
        if (format == null) return Printer.Style.plain;
        for (Printer.Style s : Printer.Style.values()) if (s.name().equals(format.toLowerCase(Locale.ROOT))) return s;
        throw new BadInputException("--format '" + format + "': with --formula, plain, latex or desmos "
                + nn.core.Names.suggest(format, List.of("plain", "latex", "desmos")));
    }

    /** Refuses a network with no closed form here, or one whose formula no one would read (before anything is said). */
    static void check(Network net) {
        Formula.check(net);
        double size = Formula.size(net);
        if (size > Formula.LIMIT) {
            throw new BadInputException(String.format(Locale.ROOT, "--formula: this network's formula would have %.3g terms and operations (about %.2g"
                    + " characters), past the %,d that anyone reads: --explain PARAM writes one gradient path by path", size, 4 * size, Formula.LIMIT));
        }
    }

    static void print(Experiment e, Network net, Gradients.Target target, boolean values, Printer.Style style, PrintWriter out) {
        String name;
        Expr expr;
        double[] x;
        if (target instanceof Gradients.OfOutput o) {
            x = o.x();
            name = Units.output(o.k(), net.nout());
            expr = Formula.outputs(net, x, values).get(o.k());
        } else {
            Gradients.OfLoss l = (Gradients.OfLoss) target;
            if (l.n() != 1) throw new BadInputException("--formula --of loss: the loss of one sample: add --sample K (or --of output)");
            if (e.config().classWeights() != null) throw new BadInputException("--formula --of loss: class-weighted losses have no closed form here");
            x = l.x();
            name = "L";
            expr = Formula.loss(e.config().loss().provider().name(), Formula.outputs(net, x, values), l.t());
        }
        if (style != Printer.Style.desmos) {
            out.println(name + " = " + Printer.print(expr, style));
            return;
        }
        Map<String, Double> sliders = new LinkedHashMap<>();
        if (!values) {
            for (ParamRef r : ParamRef.all(net)) sliders.put(r.name(), r.value());
            for (int i = 0; i < net.nin(); i++) sliders.put(Units.input(i, net.nin()), x[i]);
        }
        for (String line : Desmos.lines(Map.of(name, expr), sliders)) out.println(line);
    }
}
