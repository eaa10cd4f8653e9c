package nn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
    GradTarget target;

    @Option(names = "--check", description = "Add central finite differences (numeric, abs_err, rel_err, ok); exit 1 if any row is not ok.")
    boolean check;

    @Option(names = "--eps", defaultValue = "1e-6", description = "Finite-difference step. Default: ${DEFAULT-VALUE}.")
    double eps;

    @Option(names = "--atol", defaultValue = "1e-7", description = "ok when |grad - numeric| <= atol + rtol·max(|grad|, |numeric|). Default: ${DEFAULT-VALUE}.")
    double atol;

    @Option(names = "--rtol", defaultValue = "1e-5", description = "See --atol. Default: ${DEFAULT-VALUE}.")
    double rtol;

    @Option(names = "--format", defaultValue = "tsv", description = "tsv, csv, jsonl or json. Default: ${DEFAULT-VALUE}.")
    RowWriter.Format format;

    @Override
    public Integer call() {
        logging.apply();
        Experiment e = Experiment.prepare(args.load(root.plugins()), root.stdin());
        Network net = e.network();
        Gradients.Target target = this.target.resolve(e, net, args.config);
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
}
