package nn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nn.core.BadInputException;
import nn.core.Names;
import nn.core.checkpoint.CheckpointFile;
import nn.core.explain.Explain;
import nn.core.explain.Mistakes;
import nn.core.train.Experiment;
import nn.core.train.Gradients;
import nn.core.train.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nn grad: one row per parameter element with its value and gradient, optionally checked numerically. */
@Command(name = "grad", mixinStandardHelpOptions = true,
        description = {"Print every parameter's value and gradient, layer by layer (weights row-major, then biases).",
                "Names w1..wN and b1..bM are numbered globally in that order."})
final class GradCommand implements Callable<Integer> {
    @ParentCommand
    Nn root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigArgs args;

    @Mixin
    LoggingMixin logging;

    @Mixin
    TargetOptions what;

    @Option(names = "--check", description = "Add central finite differences (numeric, abs_err, rel_err, ok); exit 1 if any row is not ok.")
    boolean check;

    @Option(names = "--eps", converter = Numbers.Positive.class, defaultValue = "1e-6", description = "Finite-difference step. Default: ${DEFAULT-VALUE}.")
    double eps;

    @Option(names = "--atol", converter = Numbers.NonNegative.class, defaultValue = "1e-7", description = "ok when |grad - numeric| <= atol + rtol·max(|grad|, |numeric|). Default: ${DEFAULT-VALUE}.")
    double atol;

    @Option(names = "--rtol", converter = Numbers.NonNegative.class, defaultValue = "1e-5", description = "See --atol. Default: ${DEFAULT-VALUE}.")
    double rtol;

    @Option(names = "--format", paramLabel = "FORMAT", description = "tsv (default), csv, jsonl or json; with --explain text (default) or latex.")
    String format;

    @Option(names = "--explain", paramLabel = "PARAM", description = "Explain one parameter's gradient (a name such as w1 or b2, or a param such as layers.0.weight[0,0]): "
            + "the chain rule as a sum over paths, or backpropagated deltas when there are too many paths or an activation is not element-wise.")
    String explain;

    @Option(names = "--max-paths", converter = Numbers.Index.class, defaultValue = "64", paramLabel = "N", description = "With --explain: the most paths shown as a sum; deltas beyond. Default: ${DEFAULT-VALUE}.")
    int maxPaths;

    @Option(names = "--expect", paramLabel = "VALUE_OR_FORMULA", description = "With --explain: a hand-derived value to diagnose (which usual chain-rule"
            + " mistakes reproduce it), or the formula itself, compared term by term with the chain rule: d(x) or s'(x) for a derivative,"
            + " s(x), tanh(x), relu(x), …, names (w1, b1, I) or numbers, + - * / ^.")
    String expect;

    @Option(names = "--formula", description = "Print the output (with --of loss and one sample: the loss) as one closed-form expression in the"
            + " parameters' names and the inputs; --format plain (default; Python evaluates it once s(x) = 1/(1+exp(-x)) is defined), latex or desmos.")
    boolean formula;

    @Option(names = "--values", description = "With --formula: the numbers in place of the names.")
    boolean values;

    @Option(names = "--vary", paramLabel = "NAME=START:STOP:COUNT", description = "One row per value of a parameter (w1) or input (I) from START to STOP:"
            + " the value, the output or loss, and the gradient of --explain's parameter (default: the varied one); --check adds finite differences.")
    String vary;

    @Option(names = "--plot", paramLabel = "FILE", description = "With --vary: draw the output or loss and its gradient against the value (.png or .svg).")
    Path plot;

    @Option(names = "--tolerance", converter = Numbers.NonNegative.class, defaultValue = "1e-6", paramLabel = "TOL", description = "With --expect: relative tolerance. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--model", paramLabel = "CKPT",
            description = "Take the weights from this checkpoint (its network must have CONFIG's shapes) instead of the initial ones.")
    Path model;

    @Override
    public Integer call() {
        logging.apply();
        // The arguments, the config and the checkpoint are checked before the data are read.
        if (values && !formula) throw new BadInputException("--values goes with --formula");
        if (plot != null && vary == null) throw new BadInputException("--plot goes with --vary NAME=START:STOP:COUNT");
        if (formula && (explain != null || check || vary != null)) throw new BadInputException("--formula goes alone (not with --explain, --check or --vary)");
        if (vary != null && expect != null) throw new BadInputException("--expect goes with --explain, not with --vary");
        if (expect != null && explain == null) throw new BadInputException("--expect goes with --explain PARAM");
        if (check && explain != null && vary == null) throw new BadInputException("--check does not go with --explain");
        nn.core.formula.Printer.Style style = formula ? GradFormula.style(format) : null;
        GradSlider.Vary slider = vary == null ? null : GradSlider.parse(vary);
        if (plot != null) Charts.check("--plot", plot, 900, 600);
        String explainFormat = explain != null && vary == null ? explainFormat() : null;
        RowWriter.Format format = (explain == null || vary != null) && !formula ? rowFormat() : null;
        nn.core.train.Config config = args.load(root.plugins());
        nn.core.checkpoint.Checkpoint weights = model == null ? null : CheckpointFile.read(model);
        Experiment e = Experiment.prepare(config, root.stdin());
        Network net = e.network();
        if (weights != null) weights.setParams(net, model.toString());
        // --formula is the output's unless --of loss is asked for
        if (formula && !spec.commandLine().getParseResult().hasMatchedOption("--of")) what.of = TargetOptions.Of.output;
        Gradients.Target target = what.target(e, net, args.config);
        if (formula) {
            GradFormula.check(net);
            e.announce();
            GradFormula.print(e, net, target, values, style, spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return Nn.OK;
        }
        if (slider != null) {
            GradSlider.Rows rows = GradSlider.run(net, target, slider, explain, check, eps, atol, rtol);
            e.announce();
            boolean ok = GradSlider.write(rows, format, spec.commandLine().getOut());
            if (plot != null) GradSlider.plot(rows, plot);
            if (!ok) {
                spec.commandLine().getErr().println("nn: grad --vary --check: some gradients disagree with finite differences (atol " + atol
                        + ", rtol " + rtol + ", eps " + eps + ")");
                return Nn.FAILED;
            }
            return Nn.OK;
        }
        if (explain != null) {
            Explain ex = Explain.of(net, target, explain, maxPaths);
            e.announce();
            return explain(ex, explainFormat, net, target);
        }
        e.announce();
        Gradients.backprop(net, target);
        List<Gradients.Row> rows = Gradients.rows(net);
        PrintWriter out = spec.commandLine().getOut();
        List<String> cols = new ArrayList<>(List.of("param", "name", "value", "grad"));
        if (!check) {
            RowWriter w = new RowWriter(format, out, cols);
            for (Gradients.Row r : rows) w.row(r.param(), r.name(), r.value(), r.grad());
            w.close();
            return Nn.OK;
        }
        cols.addAll(List.of("numeric", "abs_err", "rel_err", "ok"));
        double[] numeric = Gradients.numeric(net, target, eps);
        RowWriter w = new RowWriter(format, out, cols);
        int bad = 0;
        for (int i = 0; i < rows.size(); i++) {
            Gradients.Row r = rows.get(i);
            boolean ok = Gradients.agree(r.grad(), numeric[i], atol, rtol);
            if (!ok) bad++;
            w.row(r.param(), r.name(), r.value(), r.grad(), numeric[i], Math.abs(r.grad() - numeric[i]),
                    Gradients.relativeError(r.grad(), numeric[i]), ok);
        }
        w.close();
        if (bad > 0) {
            spec.commandLine().getErr().println("nn: grad --check: " + bad + " of " + rows.size()
                    + " gradients disagree with finite differences (atol " + atol + ", rtol " + rtol + ", eps " + eps + ")");
            return Nn.FAILED;
        }
        return Nn.OK;
    }

    /** With --explain: text (default) or latex. */
    private String explainFormat() {
        String f = format == null ? "text" : format;
        if (!f.equals("text") && !f.equals("latex")) {
            throw new BadInputException("--format '" + f + "': with --explain, text or latex " + Names.suggest(f, List.of("text", "latex")));
        }
        return f;
    }

    private Integer explain(Explain ex, String f, Network net, Gradients.Target target) {
        PrintWriter out = spec.commandLine().getOut();
        Double number = expect == null ? null : number(expect);
        nn.core.formula.Diagnosis diagnosis = null;
        if (expect != null && number == null) {
            double[] x = target instanceof Gradients.OfOutput o ? o.x() : ((Gradients.OfLoss) target).x();
            try {
                diagnosis = nn.core.formula.Diagnosis.of(ex, net, x, nn.core.formula.ExprParser.parse(expect));
            } catch (nn.core.formula.ExprParser.ExprException e) {
                throw new BadInputException("--expect:1:" + e.column() + ": " + e.getMessage());
            }
        }
        ExplainPrinter printer = new ExplainPrinter(out, f.equals("latex"));
        printer.print(ex);
        if (diagnosis != null) {
            printer.print(ex, expect, diagnosis);
        } else if (number != null) {
            if (!ex.byPaths()) {
                out.println();
                out.println((f.equals("latex") ? "% " : "") + "expect " + Num.format(number) + ": cannot diagnose in delta form (" + ex.why() + ")");
            } else {
                printer.print(ex, Mistakes.diagnose(ex, number, tolerance), tolerance);
            }
        }
        out.flush();
        return Nn.OK;
    }

    /** --expect as a number, or null when it is a formula; a number that is not finite is refused. */
    private static Double number(String text) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (!Double.isFinite(v)) throw new BadInputException("--expect " + text + ": not a finite number");
        return v;
    }

    private RowWriter.Format rowFormat() {
        if (format == null) return RowWriter.Format.tsv;
        for (RowWriter.Format r : RowWriter.Format.values()) if (r.name().equalsIgnoreCase(format)) return r;
        List<String> known = new ArrayList<>();
        for (RowWriter.Format r : RowWriter.Format.values()) known.add(r.name());
        throw new BadInputException("--format '" + format + "': " + Names.suggest(format, known) + " (text and latex go with --explain)");
    }
}
