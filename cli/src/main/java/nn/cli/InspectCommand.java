package nn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import nn.core.train.Gradients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nn inspect: what a checkpoint holds; with --params every weight, in the row format of nn grad. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show a checkpoint: config name, epoch, metrics and parameter shapes.",
                "--params prints every parameter element instead (columns param, name, value; names as in nn grad)."})
final class InspectCommand implements Callable<Integer> {
    @ParentCommand
    Nn root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CKPT", description = "A checkpoint written by nn train.")
    Path ckpt;

    @Option(names = "--params", description = "Print every parameter element.")
    boolean params;

    @Option(names = "--format", defaultValue = "tsv", description = "With --params: tsv, csv, jsonl or json. Default: ${DEFAULT-VALUE}.")
    RowWriter.Format format;

    @Override
    public Integer call() {
        Checkpoint c = CheckpointFile.read(ckpt);
        PrintWriter out = spec.commandLine().getOut();
        if (params) {
            Checkpoint.Model m = c.model(root.plugins(), ckpt.toString());
            RowWriter w = new RowWriter(format, out, List.of("param", "name", "value"));
            for (Gradients.Element e : Gradients.elements(m.network())) w.row(e.param(), e.name(), e.value());
            w.close();
            return Nn.OK;
        }
        out.printf("%-14s %s%n", "name", c.name());
        out.printf("%-14s %s%n", "config_file", c.configFile());
        out.printf("%-14s %d%n", "epoch", c.epoch());
        out.printf("%-14s %d%n", "steps", c.steps());
        out.printf("%-14s %s%n", "stopped_early", c.stoppedEarly());
        out.printf("%-14s %s%n", "features", String.join(",", c.features()));
        out.printf("%-14s %s%n", "targets", String.join(",", c.targets()));
        if (c.classes() != null) out.printf("%-14s %s%n", "classes", String.join(",", c.classes()));
        out.printf("%-14s %s%n", "normalize", c.normalize());
        out.printf("%-14s %s%n", "kernel", c.kernel());
        if (!c.history().isEmpty()) out.printf("%-14s %s%n", "final", metrics(c.history().get(c.history().size() - 1)));
        if (c.bestEpoch() >= 0 && c.bestEpoch() < c.history().size()) out.printf("%-14s %s%n", "best", metrics(c.history().get((int) c.bestEpoch())));
        long total = 0;
        for (Map.Entry<String, Checkpoint.Array> p : c.params().entrySet()) {
            out.printf("%-14s %s %s%n", "param", p.getKey(), Arrays.toString(p.getValue().shape()));
            total += p.getValue().data().length;
        }
        out.printf("%-14s %d%n", "parameters", total);
        for (Map.Entry<String, Checkpoint.Array> a : c.arrays().entrySet()) {
            if (a.getKey().startsWith(Checkpoint.OPTIMIZER)) out.printf("%-14s %s %s%n", "optimizer", a.getKey().substring(Checkpoint.OPTIMIZER.length()), Arrays.toString(a.getValue().shape()));
        }
        out.flush();
        return Nn.OK;
    }

    private static String metrics(Map<String, Double> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + "=" + (k.equals("epoch") ? Long.toString(v.longValue()) : Num.format(v))));
        return String.join("  ", parts);
    }
}
