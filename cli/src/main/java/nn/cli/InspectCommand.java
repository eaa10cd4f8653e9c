package nn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nn.core.BadInputException;
import nn.core.Json;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import nn.core.train.Gradients;
import nn.core.train.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * nn inspect: what a checkpoint holds; with --params every weight, in the row format of nn grad, then every buffer
 * value (a layer's running statistics), named {@code buffer}.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show a checkpoint: config name, epoch, metrics, parameter and buffer shapes.",
                "--params prints every parameter element instead (columns param, name, value; names as in nn grad),",
                "then every buffer element (a layer's non-trained state, e.g. batch_norm's running_mean), named buffer."})
final class InspectCommand implements Callable<Integer> {
    @ParentCommand
    Nn root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CKPT", description = "A checkpoint written by nn train.")
    Path ckpt;

    @Option(names = "--params", description = "Print every parameter element.")
    boolean params;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (default) or json for the summary; tsv (default), csv, jsonl or json with --params.")
    String format;

    @Override
    public Integer call() {
        Checkpoint c = CheckpointFile.read(ckpt);
        PrintWriter out = spec.commandLine().getOut();
        if (params) {
            RowWriter.Format f = rowFormat(format == null ? "tsv" : format);
            Checkpoint.Model m = c.model(root.plugins(), ckpt.toString());
            RowWriter w = new RowWriter(f, out, List.of("param", "name", "value"));
            for (Gradients.Element e : Gradients.elements(m.network())) w.row(e.param(), e.name(), e.value());
            for (Network.NamedBuffer b : m.network().buffers()) {
                double[] d = b.b().data();
                for (int i = 0; i < d.length; i++) w.row(b.path() + b.b().index(i), "buffer", d[i]);
            }
            w.close();
            return Nn.OK;
        }
        if (format != null && !format.equals("text") && !format.equals("json")) {
            throw new BadInputException("--format " + format + ": the summary is text or json (tsv, csv and jsonl list the"
                    + " parameters: add --params)");
        }
        Map<String, Object> r = summary(c);
        if ("json".equals(format)) {
            out.println(Json.write(r, Json.NonFinite.AS_NULL));
        } else {
            r.forEach((k, v) -> {
                if (v instanceof Map<?, ?> shapes && (k.equals("params") || k.equals("buffers") || k.equals("optimizer"))) {
                    String label = k.equals("params") ? "param" : k.equals("buffers") ? "buffer" : k;
                    shapes.forEach((name, shape) -> out.printf("%-14s %s %s%n", label, name, shape));
                } else {
                    out.printf("%-14s %s%n", k, v instanceof Map<?, ?> m ? metrics(m) : v instanceof List<?> l ? join(l) : v);
                }
            });
        }
        out.flush();
        return Nn.OK;
    }

    private RowWriter.Format rowFormat(String f) {
        try {
            return RowWriter.Format.valueOf(f);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--format " + f + ": with --params, expected tsv, csv, jsonl or json");
        }
    }

    /** What the checkpoint holds, in print order; weights_epoch is the epoch whose weights it holds. */
    private static Map<String, Object> summary(Checkpoint c) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", c.name());
        r.put("config_file", c.configFile());
        r.put("epoch", c.epoch());
        r.put("steps", c.steps());
        r.put("stopped_early", c.stoppedEarly());
        r.put("weights_epoch", c.stoppedEarly() && c.bestEpoch() >= 0 ? c.bestEpoch() + 1 : c.epoch());
        r.put("features", c.features());
        r.put("targets", c.targets());
        if (c.classes() != null) r.put("classes", c.classes());
        r.put("normalize", c.normalize());
        if (c.classes() == null) r.put("normalize_targets", c.normalizeTargets());
        r.put("kernel", c.kernel());
        if (!c.history().isEmpty()) r.put("final", TrainCommand.ints(c.history().get(c.history().size() - 1)));
        if (c.bestEpoch() >= 0 && c.bestEpoch() < c.history().size()) r.put("best", TrainCommand.ints(c.history().get((int) c.bestEpoch())));
        Map<String, Object> shapes = new LinkedHashMap<>(), optimizer = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Checkpoint.Array> p : c.params().entrySet()) {
            shapes.put(p.getKey(), Arrays.toString(p.getValue().shape()));
            total += p.getValue().data().length;
        }
        for (Map.Entry<String, Checkpoint.Array> a : c.arrays().entrySet()) {
            if (a.getKey().startsWith(Checkpoint.OPTIMIZER)) optimizer.put(a.getKey().substring(Checkpoint.OPTIMIZER.length()), Arrays.toString(a.getValue().shape()));
        }
        r.put("params", shapes);
        r.put("parameters", total);
        if (!c.buffers().isEmpty()) {
            Map<String, Object> buffers = new LinkedHashMap<>();
            c.buffers().forEach((name, a) -> buffers.put(name, Arrays.toString(a.shape())));
            r.put("buffers", buffers);
        }
        r.put("optimizer", optimizer);
        return r;
    }

    private static String join(List<?> l) {
        List<String> parts = new ArrayList<>();
        for (Object o : l) parts.add(String.valueOf(o));
        return String.join(",", parts);
    }

    private static String metrics(Map<?, ?> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + "=" + (v instanceof Double d ? Num.format(d) : String.valueOf(v))));
        return String.join("  ", parts);
    }
}
