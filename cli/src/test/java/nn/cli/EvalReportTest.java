package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nn.core.Json;
import nn.core.train.ClassificationReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * nn eval's classification report (confusion matrix, per-class precision, recall, F1, support, macro and weighted
 * averages) and regression metrics (MAE, R²): a small confusion worked by hand, and trained models against
 * scikit-learn on the same predictions where python3 can import sklearn (Debian: apt-get install python3-sklearn).
 */
class EvalReportTest {
    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    private static final String IRIS = Run.DATA.resolve("iris.csv").toString();
    private static final String DIABETES = Run.DATA.resolve("diabetes.csv").toString();

    /** y_true = a a a bb bb virginica×4, y_pred = a a bb a bb a a a bb: virginica is never predicted. */
    static ClassificationReport nine() {
        int[] truth = {0, 0, 0, 1, 1, 2, 2, 2, 2}, pred = {0, 0, 1, 0, 1, 0, 0, 0, 1};
        double[] y = new double[27], t = new double[27];
        for (int r = 0; r < 9; r++) {
            t[r * 3 + truth[r]] = 1;
            y[r * 3 + pred[r]] = 1;
        }
        ClassificationReport rep = new ClassificationReport(3);
        rep.add(y, t, 9, 3);
        return rep;
    }

    @Test
    void theTextOfASmallConfusionWorkedByHand() {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        EvalReport.text(out, nine(), List.of("a", "bb", "virginica"), "kind");
        out.flush();
        // precision 2/6 1/3 0, recall 2/3 1/2 0, f1 4/9 2/5 0; macro 2/9 7/18 38/135; weighted 5/27 1/3 32/135
        assertEquals("""

                confusion matrix (rows: true kind, columns: predicted)
                           a  bb  virginica
                a          2   1          0
                bb         1   1          0
                virginica  3   1          0

                              precision  recall  f1-score  support
                a                0.3333  0.6667    0.4444        3
                bb               0.3333  0.5000    0.4000        2
                virginica        0.0000  0.0000    0.0000        4

                macro avg        0.2222  0.3889    0.2815        9
                weighted avg     0.1852  0.3333    0.2370        9
                """, s.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void theJsonOfASmallConfusionWorkedByHand() {
        Map<?, ?> m = (Map<?, ?>) Json.read(Json.write(EvalReport.json(nine(), List.of("a", "bb", "virginica"))));
        assertEquals(List.of("a", "bb", "virginica"), m.get("classes"));
        assertEquals(List.of(List.of(2L, 1L, 0L), List.of(1L, 1L, 0L), List.of(3L, 1L, 0L)), m.get("confusion_matrix"));
        Map<?, ?> a = (Map<?, ?>) ((Map<?, ?>) m.get("per_class")).get("a");
        assertEquals(List.of("precision", "recall", "f1", "support"), List.copyOf(a.keySet()));
        assertScores(a, 1.0 / 3, 2.0 / 3, 4.0 / 9, 3);
        assertScores((Map<?, ?>) ((Map<?, ?>) m.get("per_class")).get("bb"), 1.0 / 3, 1.0 / 2, 2.0 / 5, 2);
        assertScores((Map<?, ?>) ((Map<?, ?>) m.get("per_class")).get("virginica"), 0, 0, 0, 4);
        assertScores((Map<?, ?>) m.get("macro_avg"), 2.0 / 9, 7.0 / 18, 38.0 / 135, 9);
        assertScores((Map<?, ?>) m.get("weighted_avg"), 5.0 / 27, 1.0 / 3, 32.0 / 135, 9);
    }

    private static void assertScores(Map<?, ?> m, double precision, double recall, double f1, long support) {
        assertEquals(precision, Json.real(m.get("precision")), 1e-15, "precision");
        assertEquals(recall, Json.real(m.get("recall")), 1e-15, "recall");
        assertEquals(f1, Json.real(m.get("f1")), 1e-15, "f1");
        assertEquals(support, m.get("support"), "support");
    }

    @Test
    void irisEvalKeepsItsKeysAndAddsAConsistentReport(@TempDir Path tmp) {
        Path ck = train(tmp, "iris.yaml");
        Map<?, ?> m = evalJson(ck, IRIS);
        assertEquals(List.of("rows", "eval_loss", "eval_accuracy", "classes", "confusion_matrix", "per_class", "macro_avg", "weighted_avg"),
                List.copyOf(m.keySet()));
        assertEquals(List.of("setosa", "versicolor", "virginica"), m.get("classes"));
        List<?> cm = (List<?>) m.get("confusion_matrix");
        long sum = 0, trace = 0;
        for (int i = 0; i < 3; i++) {
            List<?> row = (List<?>) cm.get(i);
            long support = 0;
            for (Object v : row) support += (Long) v;
            assertEquals(50L, support, "every iris species has 50 rows");
            sum += support;
            trace += (Long) row.get(i);
        }
        assertEquals(150L, sum);
        assertEquals(trace / 150.0, Json.real(m.get("eval_accuracy")), 1e-15);
        assertEquals(trace / 150.0, Json.real(((Map<?, ?>) m.get("weighted_avg")).get("recall")), 1e-15);

        Run text = Run.nn("eval", ck.toString(), IRIS);
        assertEquals(0, text.code(), text.err());
        List<String> lines = text.out().lines().toList();
        assertTrue(lines.get(0).startsWith("rows           150"), text.out());
        assertEquals("confusion matrix (rows: true species, columns: predicted)", lines.get(4));
        assertEquals("            setosa  versicolor  virginica", lines.get(5));
        assertEquals("              precision  recall  f1-score  support", lines.get(10));
        assertTrue(lines.get(16).startsWith("weighted avg "), text.out());
        assertTrue(lines.get(16).endsWith("      150"), text.out());
    }

    /** The per-class and averaged scores of scikit-learn for the labels in argv[1] and the predictions in argv[2]. */
    private static final String SKLEARN_CLASSIFICATION = """
            import csv, json, sys
            from sklearn.metrics import classification_report, confusion_matrix, precision_recall_fscore_support
            truth = [r["species"] for r in csv.DictReader(open(sys.argv[1]))]
            pred = [r["species"] for r in csv.DictReader(open(sys.argv[2]))]
            classes = json.loads(sys.argv[3])
            p, r, f, s = precision_recall_fscore_support(truth, pred, labels=classes, zero_division=0)
            report = classification_report(truth, pred, zero_division=0, output_dict=True)
            print(json.dumps({"confusion_matrix": confusion_matrix(truth, pred, labels=classes).tolist(),
                              "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist(),
                              "report": report}))
            """;

    /** After 1 epoch the confusion is far from diagonal and not symmetric (rows and columns told apart); 200 is the config's. */
    @ParameterizedTest
    @ValueSource(ints = {1, 200})
    void irisReportEqualsScikitLearnsOnTheSamePredictions(int epochs, @TempDir Path tmp) throws Exception {
        assumeSklearn();
        Path ck = train(tmp, "iris.yaml", "training.epochs=" + epochs);
        Map<?, ?> nn = evalJson(ck, IRIS);
        Run predict = Run.nn("predict", ck.toString(), IRIS);
        assertEquals(0, predict.code(), predict.err());
        Path pred = tmp.resolve("pred.csv");
        Files.writeString(pred, predict.out());
        Map<?, ?> sk = (Map<?, ?>) Json.read(python(SKLEARN_CLASSIFICATION, IRIS, pred.toString(), Json.write(nn.get("classes"))));
        Map<?, ?> report = (Map<?, ?>) sk.get("report");

        assertEquals(sk.get("confusion_matrix"), nn.get("confusion_matrix"));
        List<?> classes = (List<?>) nn.get("classes");
        for (int i = 0; i < classes.size(); i++) {
            Map<?, ?> ours = (Map<?, ?>) ((Map<?, ?>) nn.get("per_class")).get(classes.get(i));
            for (String k : List.of("precision", "recall", "f1", "support")) {
                assertEquals(Json.real(((List<?>) sk.get(k)).get(i)), Json.real(ours.get(k)), 1e-12, classes.get(i) + " " + k);
            }
            Map<?, ?> theirs = (Map<?, ?>) report.get(classes.get(i));
            assertEquals(Json.real(theirs.get("f1-score")), Json.real(ours.get("f1")), 1e-12, classes.get(i) + " f1-score");
        }
        for (String avg : List.of("macro", "weighted")) {
            Map<?, ?> ours = (Map<?, ?>) nn.get(avg + "_avg"), theirs = (Map<?, ?>) report.get(avg + " avg");
            assertEquals(Json.real(theirs.get("precision")), Json.real(ours.get("precision")), 1e-12, avg + " precision");
            assertEquals(Json.real(theirs.get("recall")), Json.real(ours.get("recall")), 1e-12, avg + " recall");
            assertEquals(Json.real(theirs.get("f1-score")), Json.real(ours.get("f1")), 1e-12, avg + " f1");
            assertEquals(Json.real(theirs.get("support")), Json.real(ours.get("support")), avg + " support");
        }
        assertEquals(Json.real(report.get("accuracy")), Json.real(nn.get("eval_accuracy")), 1e-12);
    }

    @Test
    void aSingleSigmoidOutputIsReportedAsTwoClasses(@TempDir Path tmp) throws IOException {
        StringBuilder csv = new StringBuilder("petal_length,petal_width,virginica\n");
        for (String l : Files.readAllLines(Path.of(IRIS)).subList(1, 151)) {
            String[] f = l.split(",");
            csv.append(f[2]).append(',').append(f[3]).append(',').append(f[4].equals("virginica") ? 1 : 0).append('\n');
        }
        Files.writeString(tmp.resolve("bin.csv"), csv);
        Files.writeString(tmp.resolve("bin.yaml"), """
                name: bin
                seed: 3
                model: {layers: [{units: 1, activation: sigmoid}]}
                loss: binary_cross_entropy
                optimizer: {type: adam, learning_rate: 0.05}
                training: {epochs: 30, batch_size: 16}
                data: {train: {csv: bin.csv, targets: [virginica], normalize: standard}}
                """);
        Run t = Run.nn("train", tmp.resolve("bin.yaml").toString(), "--checkpoint-dir", tmp.toString(), "--summary", "none", "-q");
        assertEquals(0, t.code(), t.err());
        Map<?, ?> m = evalJson(tmp.resolve("last.ckpt"), tmp.resolve("bin.csv").toString());
        assertEquals(List.of("0", "1"), m.get("classes"));
        List<?> cm = (List<?>) m.get("confusion_matrix");
        assertEquals(100L, (Long) ((List<?>) cm.get(0)).get(0) + (Long) ((List<?>) cm.get(0)).get(1));
        assertEquals(50L, (Long) ((List<?>) cm.get(1)).get(0) + (Long) ((List<?>) cm.get(1)).get(1));
        long trace = (Long) ((List<?>) cm.get(0)).get(0) + (Long) ((List<?>) cm.get(1)).get(1);
        assertEquals(trace / 150.0, Json.real(m.get("eval_accuracy")), 1e-15);
    }

    @Test
    void regressionAddsMaeAndR2(@TempDir Path tmp) throws Exception {
        Path ck = train(tmp, "diabetes.yaml");
        Map<?, ?> m = evalJson(ck, DIABETES);
        assertEquals(List.of("rows", "eval_loss", "eval_rmse", "eval_mae", "eval_r2"), List.copyOf(m.keySet()));
        double rmse = Json.real(m.get("eval_rmse")), mae = Json.real(m.get("eval_mae")), r2 = Json.real(m.get("eval_r2"));
        assertTrue(mae > 0 && mae <= rmse, m.toString());
        assertTrue(r2 > 0.3 && r2 < 1, m.toString());
        Run text = Run.nn("eval", ck.toString(), DIABETES);
        List<String[]> lines = text.out().lines().map(l -> l.split(" +")).toList();
        assertEquals(List.of("rows", "eval_loss", "eval_rmse", "eval_mae", "eval_r2"), lines.stream().map(f -> f[0]).toList());
        assertEquals(Num.format(mae), lines.get(3)[1]);
        assertEquals(Num.format(r2), lines.get(4)[1]);

        assumeSklearn();
        Run predict = Run.nn("predict", ck.toString(), DIABETES);
        assertEquals(0, predict.code(), predict.err());
        Path pred = tmp.resolve("pred.csv");
        Files.writeString(pred, predict.out());
        Map<?, ?> sk = (Map<?, ?>) Json.read(python("""
                import csv, json, sys
                from sklearn.metrics import mean_absolute_error, r2_score
                truth = [float(r["progression"]) for r in csv.DictReader(open(sys.argv[1]))]
                pred = [float(r["progression"]) for r in csv.DictReader(open(sys.argv[2]))]
                print(json.dumps({"mae": mean_absolute_error(truth, pred), "r2": r2_score(truth, pred)}))
                """, DIABETES, pred.toString()));
        assertEquals(Json.real(sk.get("mae")), mae, 1e-12 * mae);
        assertEquals(Json.real(sk.get("r2")), r2, 1e-12);
    }

    private static Path train(Path dir, String config, String... overrides) {
        List<String> args = new ArrayList<>(List.of("train", Run.config(config)));
        args.addAll(List.of(overrides));
        args.addAll(List.of("--checkpoint-dir", dir.toString(), "--summary", "none", "-q"));
        Run r = Run.nn(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return dir.resolve("last.ckpt");
    }

    private static Map<?, ?> evalJson(Path ck, String data) {
        Run r = Run.nn("eval", ck.toString(), data, "--format", "json");
        assertEquals(0, r.code(), r.err());
        return (Map<?, ?>) Json.read(r.out().strip());
    }

    private static void assumeSklearn() {
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import sklearn").redirectErrorStream(true).start();
            ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        Assumptions.assumeTrue(ok, "python3 with sklearn is not installed");
    }

    /** Runs a python script with arguments; its stdout (asserting exit 0). */
    private static String python(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), "python: " + out);
        return out;
    }
}
