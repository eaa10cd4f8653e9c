package nn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nn.core.Json;
import nn.core.spi.Layer;
import nn.core.spi.Parameter;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nn summary: the network of a config, one row per layer, as Keras' model.summary() prints it. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Show the network of CONFIG before training: one row per layer (type, output shape, activation,",
                "parameters, weight and bias initializers) and the totals. Reads no data when model.inputs is given."})
final class SummaryCommand implements Callable<Integer> {
    @ParentCommand
    Nn root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigArgs args;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    enum Format { text, json }

    @Override
    public Integer call() {
        Config c = args.load(root.plugins());
        Network net;
        if (c.declaredInputs() > 0) {
            net = c.network(c.declaredInputs());
        } else {
            Experiment e = Experiment.prepare(c, root.stdin());
            e.announce();
            net = e.network();
        }
        List<Map<String, Object>> rows = rows(c, net);
        long total = 0;
        for (Map<String, Object> r : rows) total += (Integer) r.get("parameters");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.name());
        out.put("inputs", net.nin());
        out.put("layers", rows);
        out.put("parameters", total);
        out.put("dtype", c.dtype().yamlName());
        PrintWriter w = spec.commandLine().getOut();
        if (format == Format.json) {
            w.println(Json.write(out, Json.NonFinite.AS_NULL));
        } else {
            String fmt = "%-10s %-14s %-12s %-14s %10s  %-16s %s%n";
            w.printf("model %s: %d inputs, %s%n", c.name(), net.nin(), c.dtype().yamlName());
            w.printf(fmt, "layer", "type", "output", "activation", "parameters", "weights", "bias");
            for (Map<String, Object> r : rows) {
                w.printf(fmt, r.get("layer"), r.get("type"), "(batch, " + r.get("units") + ")", r.get("activation"), r.get("parameters"),
                        r.get("weights"), r.get("bias"));
            }
            long state = 0;
            for (nn.core.spi.Layer l : net.layers()) for (nn.core.spi.Buffer b : l.buffers()) state += b.data().length;
            w.printf("total parameters: %d (all trainable)%s%n", total, state == 0 ? "" : "; plus " + state + " buffer values (running statistics, not trained)");
        }
        w.flush();
        return Nn.OK;
    }

    /** One map per layer: what the config says (type, initializers) and what the built network has (shapes, counts). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Config c, Network net) {
        Map<String, Object> tree = (Map<String, Object>) c.tree().plain();
        List<Object> declared = (List<Object>) ((Map<String, Object>) tree.get("model")).get("layers");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < net.layers().size(); i++) {
            Layer l = net.layers().get(i);
            Map<String, Object> d = i < declared.size() && declared.get(i) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            int count = 0;
            for (Parameter p : l.parameters()) count += p.size();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("layer", "layers." + i);
            r.put("type", String.valueOf(d.getOrDefault("type", "dense")));
            r.put("units", l.nout());
            r.put("activation", l.activationName() == null ? "-" : l.activationName());
            r.put("parameters", count);
            r.put("weights", describe(d.get("weights")));
            r.put("bias", describe(d.get("bias")));
            rows.add(r);
        }
        return rows;
    }

    /** An initializer as the config gives it: its name, a constant, or "explicit" for a written matrix or list. */
    private static String describe(Object v) {
        if (v == null) return "-";
        if (v instanceof List<?>) return "explicit";
        if (v instanceof Map<?, ?> m) return String.valueOf(m.containsKey("init") ? m.get("init") : m.get("type"));
        return String.valueOf(v);
    }
}
