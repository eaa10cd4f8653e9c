package nn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nn.core.Json;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import nn.core.config.Loc;
import nn.core.data.Dataset;
import nn.core.data.SourceSpec;
import nn.core.data.Sources;
import nn.core.train.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nn eval: loss and accuracy (or RMSE) of a checkpoint's model on a labelled data set. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Loss and accuracy (classification) or RMSE (regression) of the model in CKPT on the CSV rows of DATA (- for stdin).")
final class EvalCommand implements Callable<Integer> {
    enum Format { text, json }

    @ParentCommand
    Nn root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CKPT", description = "A checkpoint written by nn train.")
    Path ckpt;

    @Parameters(index = "1", paramLabel = "DATA", description = "A CSV file with the training feature and target columns; - for standard input.")
    String data;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() {
        Checkpoint.Model m = CheckpointFile.read(ckpt).model(root.plugins(), ckpt.toString());
        Checkpoint c = m.checkpoint();
        boolean stdin = data.equals("-");
        boolean labels = c.classes() != null;
        SourceSpec s = new SourceSpec(ckpt.getFileName().toString(), new Loc(stdin ? "<stdin>" : data, 0, 0), null,
                stdin ? null : Path.of(data), stdin, c.features(), labels ? List.of() : c.targets(), labels ? c.targets().get(0) : null, ',',
                null, m.inputScale(), false);
        Dataset d = Sources.load(s, m.network().nin(), m.network().nout(), c.classes(), root.stdin()).normalized(m.normalizer());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rows", d.n());
        r.putAll(Metrics.evaluate(m.network(), m.config().loss().provider().create(m.config().loss().params()), d, m.classification(), "eval", 256));
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) out.println(Json.write(r, Json.NonFinite.AS_NULL));
        else r.forEach((k, v) -> out.printf("%-14s %s%n", k, v instanceof Double x ? Num.format(x) : v));
        out.flush();
        return Nn.OK;
    }
}
