package nn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nn.core.AtomicFile;
import nn.core.BadInputException;
import nn.core.checkpoint.Checkpoint;
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

/** nn draw: the network as a picture, every weight labelled with its global name (w1..wN) and value. */
@Command(name = "draw", mixinStandardHelpOptions = true,
        description = {"Draw the network of CONFIG or of a checkpoint as SVG (default) or Graphviz DOT.",
                "Units in layers, each edge labelled with its weight's name (w1..wN, numbered as nn grad numbers them) and value,",
                "biases b1..bM beside their units; a checkpoint shows its trained weights.",
                "With --grad, each weight's gradient too; edges blue where it is positive, red where negative, wider for larger |grad|."})
final class DrawCommand implements Callable<Integer> {
    enum Format { svg, dot }

    @ParentCommand
    Nn root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigArgs args;

    @Mixin
    LoggingMixin logging;

    @Mixin
    TargetOptions target;

    @Option(names = "--grad", description = "Overlay each weight's gradient (of the target chosen by --of, --sample, --input, --output-index).")
    boolean grad;

    @Option(names = "--format", defaultValue = "svg", description = "svg or dot. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--max-units", converter = Numbers.Count.class, defaultValue = "16", paramLabel = "N", description = "Draw a layer wider than N as one box. Default: ${DEFAULT-VALUE}.")
    int maxUnits;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        logging.apply();
        OutputPath.file("-o", output);
        if (maxUnits < 1) throw new BadInputException("--max-units " + maxUnits + ": must be at least 1");
        if (CheckpointFile.looksLikeCheckpoint(args.config)) {
            if (!args.overrides.isEmpty()) throw new BadInputException(args.config + ": KEY=VALUE overrides go with a config, not a checkpoint");
            String file = args.config.toString();
            Checkpoint.Model m = CheckpointFile.read(args.config).model(root.plugins(), file);
            Checkpoint c = m.checkpoint();
            // The stored config's data are read only for --grad (they must still exist where training found them).
            Experiment e = grad ? Experiment.prepare(m.config(), root.stdin()) : null;
            if (e != null) {
                c.setParams(e.network(), file);
                e.announce();
            }
            return draw(e, e != null ? e.network() : m.network(), m.config().name(), named(c.features(), "x"),
                    c.classes() != null ? c.classes() : named(c.targets(), "y"));
        }
        Experiment e = Experiment.prepare(args.load(root.plugins()), root.stdin());
        e.announce();
        Dataset train = e.train();
        return draw(e, e.network(), e.config().name(), train == null ? null : named(train.features(), "x"),
                e.classes() != null ? e.classes() : train == null ? null : named(train.targets(), "y"));
    }

    private int draw(Experiment e, Network net, String name, List<String> inputs, List<String> outputs) {
        String caption = null;
        if (grad) {
            Gradients.backprop(net, target.target(e, net, args.config));
            caption = "gradient " + target.describe(e) + ": blue > 0, red < 0, edge width ∝ |∂|";
        }
        String title = name + ": " + net.parameterCount() + " parameters";
        String text = render(Diagram.of(net, inputs, outputs, maxUnits, grad), format, title, caption);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        } else {
            try {
                AtomicFile.write(output, text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ex) {
                throw BadInputException.io("-o " + output, "write", ex);
            }
        }
        return Nn.OK;
    }

    /** names, or null when they are the placeholders x0, x1.. that unnamed (inline) data gets. */
    private static List<String> named(List<String> names, String prefix) {
        if (names == null || names.isEmpty()) return null;
        for (int i = 0; i < names.size(); i++) if (!names.get(i).equals(prefix + i)) return names;
        return null;
    }

    /** The diagram as text in the given format: for any network and unit names (e.g. from a checkpoint). */
    static String render(Diagram d, Format format, String title, String caption) {
        return format == Format.svg ? SvgDiagram.write(d, title, caption) : DotDiagram.write(d, title, caption);
    }
}
