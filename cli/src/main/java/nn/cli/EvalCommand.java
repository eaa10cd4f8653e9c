package nn.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import nn.core.BadInputException;
import nn.core.Json;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import nn.core.config.Loc;
import nn.core.data.Dataset;
import nn.core.data.SourceSpec;
import nn.core.data.Sources;
import nn.core.train.ClassificationReport;
import nn.core.train.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * nn eval: a checkpoint's model on a labelled data set. Classification: loss, accuracy, the confusion matrix and
 * per-class precision, recall, F1 and support with macro and weighted averages (as scikit-learn's
 * classification_report). Regression: loss, RMSE, MAE and R².
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate the model in CKPT on the CSV rows of DATA (- for stdin).",
                "Classification: loss, accuracy, the confusion matrix (rows: true class,",
                "columns: predicted), per-class precision, recall, F1 and support, and their",
                "macro and weighted averages (as scikit-learn's classification_report).",
                "Regression: loss, RMSE, MAE and R² (averaged over the targets)."})
final class EvalCommand implements Callable<Integer> {
    enum Format { text, json }

    private static final int BATCH = 256;

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
        String file = stdin ? "<stdin>" : data;
        if (!stdin && !Files.exists(Path.of(data))) throw new BadInputException(data + ": no such file");
        // no config path: the data is named on the command line, and its errors name the file alone
        SourceSpec s = new SourceSpec(null, new Loc(file, 0, 0), null, stdin ? null : Path.of(data), stdin, c.features(),
                labels ? List.of() : c.targets(), labels ? c.targets().get(0) : null, ',', null, m.inputScale(), false);
        Dataset d = Sources.load(s, m.network().nin(), m.network().nout(), c.classes(), root.stdin())
                .normalized(m.normalizer(), m.targetNormalizer());
        if (d.n() == 0) throw new BadInputException(file + ": no data rows (the file has a header only; eval needs labelled rows)");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rows", d.n());
        r.putAll(Metrics.evaluate(m.network(), m.config().loss().provider().create(m.config().loss().params()), d, m.classification(), "eval", BATCH));
        ClassificationReport rep = null;
        List<String> classes = null;
        if (m.classification()) {
            int nout = m.network().nout(), k = nout == 1 ? 2 : nout;
            classes = c.classes() != null ? c.classes() : IntStream.range(0, k).mapToObj(Integer::toString).toList();
            rep = ClassificationReport.of(m.network(), d, k, BATCH);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            if (rep != null) r.putAll(EvalReport.json(rep, classes));
            out.println(Json.write(r, Json.NonFinite.AS_NULL));
        } else {
            r.forEach((k, v) -> out.printf("%-14s %s%n", k, v instanceof Double x ? Num.format(x) : v));
            if (rep != null) EvalReport.text(out, rep, classes, c.targets().get(0));
        }
        out.flush();
        return Nn.OK;
    }
}
