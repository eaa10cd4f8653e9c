package nn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nn.core.BadInputException;
import nn.core.checkpoint.CheckpointFile;
import nn.core.data.Dataset;
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
    enum Of { loss, output }

    @ParentCommand
    Nn root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigArgs args;

    @Mixin
    LoggingMixin logging;

    @Option(names = "--of", defaultValue = "loss", description = "loss (mean loss over the training rows) or output (one output unit). Default: ${DEFAULT-VALUE}.")
    Of of;

    @Option(names = "--sample", paramLabel = "K", description = "Use training row K only (0-based).")
    Integer sample;

    @Option(names = "--input", paramLabel = "X1,X2,...", split = ",", description = "With --of output: the input values (instead of a training row).")
    double[] input;

    @Option(names = "--output-index", defaultValue = "0", paramLabel = "J", description = "With --of output: which output unit. Default: ${DEFAULT-VALUE}.")
    int outputIndex;

    @Option(names = "--check", description = "Add central finite differences (numeric, abs_err, rel_err, ok); exit 1 if any row is not ok.")
    boolean check;

    @Option(names = "--eps", defaultValue = "1e-6", description = "Finite-difference step. Default: ${DEFAULT-VALUE}.")
    double eps;

    @Option(names = "--atol", defaultValue = "1e-7", description = "ok when |grad - numeric| <= atol + rtol·max(|grad|, |numeric|). Default: ${DEFAULT-VALUE}.")
    double atol;

    @Option(names = "--rtol", defaultValue = "1e-5", description = "See --atol. Default: ${DEFAULT-VALUE}.")
    double rtol;

    @Option(names = "--model", paramLabel = "CKPT",
            description = "Take the weights from this checkpoint (its network must have CONFIG's shapes) instead of the initial ones.")
    Path model;

    @Option(names = "--format", defaultValue = "tsv", description = "tsv, csv, jsonl or json. Default: ${DEFAULT-VALUE}.")
    RowWriter.Format format;

    @Override
    public Integer call() {
        logging.apply();
        Experiment e = Experiment.prepare(args.load(root.plugins()), root.stdin());
        Network net = e.network();
        if (model != null) CheckpointFile.read(model).setParams(net, model.toString());
        Gradients.Target target = target(e, net);
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

    private Gradients.Target target(Experiment e, Network net) {
        Dataset train = e.train();
        if (of == Of.output) {
            if (outputIndex < 0 || outputIndex >= net.nout()) {
                throw new BadInputException("--output-index " + outputIndex + " is out of range (the network has " + net.nout() + " outputs: 0.." + (net.nout() - 1) + ")");
            }
            double[] x;
            if (input != null) {
                if (input.length != net.nin()) {
                    throw new BadInputException("--input has " + input.length + " values, but the network has " + net.nin() + " inputs");
                }
                x = input.clone();
                e.normalizer().apply(x, 1);
            } else {
                x = row(train, sample == null ? 0 : sample, true);
            }
            return new Gradients.OfOutput(x, outputIndex);
        }
        if (input != null) throw new BadInputException("--input goes with --of output; for --of loss use --sample K or the whole training data");
        if (train == null || train.n() == 0) throw new BadInputException(args.config + ": --of loss needs training rows (data.train)");
        if (sample != null) {
            return new Gradients.OfLoss(e.loss(), row(train, sample, true), target(train, sample), 1);
        }
        return new Gradients.OfLoss(e.loss(), train.x(), train.y(), train.n());
    }

    private double[] row(Dataset d, int k, boolean inputs) {
        if (d == null || d.n() == 0) throw new BadInputException(args.config + ": no training rows (give data.train, or --input for --of output)");
        if (k < 0 || k >= d.n()) throw new BadInputException("--sample " + k + " is out of range (the training data has " + d.n() + " rows: 0.." + (d.n() - 1) + ")");
        double[] x = new double[d.nin()];
        System.arraycopy(d.x(), k * d.nin(), x, 0, d.nin());
        return x;
    }

    private static double[] target(Dataset d, int k) {
        double[] t = new double[d.nout()];
        System.arraycopy(d.y(), k * d.nout(), t, 0, d.nout());
        return t;
    }
}
