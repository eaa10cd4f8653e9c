package nn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nn.core.train.ClassificationReport;

/** nn eval's confusion matrix and per-class table: aligned text for people, a map for --format json. */
final class EvalReport {
    private EvalReport() {}

    /**
     * {@code classes}, {@code confusion_matrix} (rows true, columns predicted), {@code per_class} (name → precision,
     * recall, f1, support), {@code macro_avg} and {@code weighted_avg} (precision, recall, f1, support).
     */
    static Map<String, Object> json(ClassificationReport rep, List<String> classes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classes", classes);
        List<List<Long>> confusion = new ArrayList<>();
        for (long[] row : rep.confusion()) confusion.add(Arrays.stream(row).boxed().toList());
        m.put("confusion_matrix", confusion);
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int i = 0; i < rep.k(); i++) {
            perClass.put(classes.get(i), scores(rep.precision(i), rep.recall(i), rep.f1(i), rep.support(i)));
        }
        m.put("per_class", perClass);
        m.put("macro_avg", scores(rep.macro(rep::precision), rep.macro(rep::recall), rep.macro(rep::f1), rep.total()));
        m.put("weighted_avg", scores(rep.weighted(rep::precision), rep.weighted(rep::recall), rep.weighted(rep::f1), rep.total()));
        return m;
    }

    private static Map<String, Object> scores(double precision, double recall, double f1, long support) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("f1", f1);
        m.put("support", support);
        return m;
    }

    /** The confusion matrix headed by the class names, then a classification_report-like table (4 decimals). */
    static void text(PrintWriter out, ClassificationReport rep, List<String> classes, String target) {
        int k = rep.k();
        int first = classes.stream().mapToInt(String::length).max().orElse(0);
        out.printf("%nconfusion matrix (rows: true %s, columns: predicted)%n", target);
        StringBuilder head = new StringBuilder(alignLeft("", first));
        int[] width = new int[k];
        for (int j = 0; j < k; j++) {
            width[j] = classes.get(j).length();
            for (int i = 0; i < k; i++) width[j] = Math.max(width[j], Long.toString(rep.count(i, j)).length());
            head.append("  ").append(alignRight(classes.get(j), width[j]));
        }
        out.println(head.toString().stripTrailing());
        for (int i = 0; i < k; i++) {
            StringBuilder row = new StringBuilder(alignLeft(classes.get(i), first));
            for (int j = 0; j < k; j++) row.append("  ").append(alignRight(Long.toString(rep.count(i, j)), width[j]));
            out.println(row);
        }
        int name = Math.max(first, "weighted avg".length());
        out.println();
        out.println(alignLeft("", name) + "  precision  recall  f1-score  support");
        for (int i = 0; i < k; i++) out.println(line(classes.get(i), name, rep.precision(i), rep.recall(i), rep.f1(i), rep.support(i)));
        out.println();
        out.println(line("macro avg", name, rep.macro(rep::precision), rep.macro(rep::recall), rep.macro(rep::f1), rep.total()));
        out.println(line("weighted avg", name, rep.weighted(rep::precision), rep.weighted(rep::recall), rep.weighted(rep::f1), rep.total()));
    }

    private static String line(String label, int name, double precision, double recall, double f1, long support) {
        return String.format(Locale.ROOT, "%s  %9.4f  %6.4f  %8.4f  %7d", alignLeft(label, name), precision, recall, f1, support);
    }

    private static String alignLeft(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String alignRight(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
