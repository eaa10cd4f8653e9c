package nn.cli;

import java.nio.file.Path;
import nn.core.BadInputException;
import nn.core.data.Dataset;
import nn.core.train.Experiment;
import nn.core.train.Gradients;
import nn.core.train.Network;
import picocli.CommandLine.Option;

/** What to differentiate: --of loss|output, --sample, --input, --output-index (shared by grad, grad --explain and draw --grad). */
final class TargetOptions {
    enum Of { loss, output }

    @Option(names = "--of", defaultValue = "loss", description = "loss (mean loss over the training rows) or output (one output unit). Default: ${DEFAULT-VALUE}.")
    Of of;

    @Option(names = "--sample", converter = Numbers.Index.class, paramLabel = "K", description = "Use training row K only (0-based).")
    Integer sample;

    @Option(names = "--input", converter = Numbers.Finite.class, paramLabel = "X1,X2,...", split = ",", description = "With --of output: the input values (instead of a training row).")
    double[] input;

    @Option(names = "--output-index", converter = Numbers.Index.class, defaultValue = "0", paramLabel = "J", description = "With --of output: which output unit. Default: ${DEFAULT-VALUE}.")
    int outputIndex;

    /** The target these options select, for the experiment's network; config names the file in messages. */
    Gradients.Target target(Experiment e, Network net, Path config) {
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
                x = row(train, sample == null ? 0 : sample, config);
            }
            return new Gradients.OfOutput(x, outputIndex);
        }
        if (input != null) throw new BadInputException("--input goes with --of output; for --of loss use --sample K or the whole training data");
        if (train == null || train.n() == 0) throw new BadInputException(config + ": --of loss needs training rows (data.train)");
        if (sample != null) {
            return new Gradients.OfLoss(e.loss(), row(train, sample, config), target(train, sample), 1);
        }
        return new Gradients.OfLoss(e.loss(), train.x(), train.y(), train.n());
    }

    /** A short description for captions: "∂loss/∂w, all 4 training rows", "∂o1/∂w, sample 0". */
    String describe(Experiment e) {
        String rows = sample != null ? "sample " + sample
                : input != null ? "input " + java.util.Arrays.toString(input)
                : of == Of.output ? "sample 0" : "all " + (e.train() == null ? 0 : e.train().n()) + " training rows";
        return (of == Of.output ? "∂o" + (outputIndex + 1) : "∂loss") + "/∂w, " + rows;
    }

    private static double[] row(Dataset d, int k, Path config) {
        if (d == null || d.n() == 0) throw new BadInputException(config + ": no training rows (give data.train, or --input for --of output)");
        if (k < 0 || k >= d.n()) throw new BadInputException("--sample " + k + " is out of range (the training data has " + d.n() + " rows: 0.." + (d.n() - 1) + ")");
        double[] x = new double[d.nin()];
        d.rows(null, k, 1, x, new double[d.nout()]);
        return x;
    }

    private static double[] target(Dataset d, int k) {
        double[] t = new double[d.nout()];
        d.rows(null, k, 1, new double[d.nin()], t);
        return t;
    }
}
