package nn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nn.core.BadInputException;
import nn.core.train.Config;

/**
 * nn sweep's table: one row per grid point, the swept values, then over the point's seeds the mean, sample standard
 * deviation (n − 1; none for one run), min and max of the metric — the best epoch's val_accuracy for classification,
 * else its val_loss, or the training metric without validation — and of the test metric when there is a test set.
 * Runs that did not end ok are left out of the numbers and named in the last column.
 */
final class SweepTable {
    /** The output formats: aligned columns with mean ± std for reading, or one of {@link RowWriter}'s. */
    enum Format { text, tsv, csv, jsonl, json }

    /** One grid point's runs: its results lines (null for a run not run), in seed order. */
    record Row(Sweep.Point point, List<Long> seeds, List<Map<String, Object>> results) {}

    private static final List<String> STATS = List.of("mean", "std", "min", "max");

    private final List<String> keys;
    private final String metric, test;
    private final List<String> metrics;

    /**
     * @param keys   the swept keys that vary (one column each)
     * @param config the first point's config: which metrics its runs report
     */
    SweepTable(List<String> keys, Config config) {
        this.keys = keys;
        boolean classification = config.loss().provider().classification();
        boolean validation = config.data().validation().split() > 0 || config.data().validation().source() != null;
        boolean hasTest = config.data().test().split() > 0 || config.data().test().source() != null;
        List<String> kinds = classification ? List.of("loss", "accuracy") : List.of("loss", "rmse", "mae", "r2");
        metrics = new ArrayList<>();
        for (String prefix : new String[] {"train", "val", "test"}) {
            if (prefix.equals("val") && !validation || prefix.equals("test") && !hasTest) continue;
            for (String k : kinds) metrics.add(prefix + "_" + k);
        }
        String kind = classification ? "accuracy" : "loss";
        metric = (validation ? "val_" : "train_") + kind;
        test = hasTest ? "test_" + kind : null;
    }

    /** The metric rows are ranked by by default. */
    String metric() {
        return metric;
    }

    String testMetric() {
        return test;
    }

    /** The columns, in order (for machine formats and --sort). */
    List<String> columns() {
        List<String> c = new ArrayList<>(List.of("point", "dir"));
        c.addAll(keys);
        c.addAll(List.of("runs", "ok"));
        for (String s : STATS) c.add(metric + "_" + s);
        if (test != null) for (String s : STATS) c.add(test + "_" + s);
        c.add("failed");
        return c;
    }

    /**
     * The column --sort KEY names: a column, or a metric the runs report (then its mean); refused in one line
     * naming the choices otherwise. Checked before any run starts.
     */
    String sortColumn(String key) {
        if (key == null) return metric + "_mean";
        List<String> columns = columns();
        if (columns.contains(key)) return key;
        if (metrics.contains(key)) return key + "_mean";
        for (String m : metrics) for (String s : STATS) if (key.equals(m + "_" + s)) return key;
        List<String> known = new ArrayList<>(columns);
        for (String m : metrics) if (!known.contains(m)) known.add(m);
        throw new BadInputException("--sort " + key + ": no such column " + nn.core.Names.suggest(key, known));
    }

    /** The values of every column for one row, keyed by column. */
    Map<String, Object> values(Row r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("point", (long) r.point().index());
        v.put("dir", r.point().name());
        for (String k : keys) v.put(k, r.point().values().get(k));
        List<Double> best = new ArrayList<>(), tests = new ArrayList<>();
        Map<String, List<Double>> other = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        int ok = 0;
        for (int i = 0; i < r.seeds().size(); i++) {
            Map<String, Object> line = r.results().get(i);
            String status = line == null ? "not run" : String.valueOf(line.get("status"));
            if (!status.equals("ok")) {
                failed.add("seed " + r.seeds().get(i) + " " + status + (line != null && line.get("error") != null ? ": " + line.get("error") : ""));
                continue;
            }
            ok++;
            add(best, line.get("best"), metric);
            if (test != null) add(tests, line.get("test"), test);
            for (String m : metrics) add(other.computeIfAbsent(m, k -> new ArrayList<>()), line.get(m.startsWith("test_") ? "test" : "best"), m);
        }
        v.put("runs", (long) r.seeds().size());
        v.put("ok", (long) ok);
        stats(v, metric, best);
        if (test != null) stats(v, test, tests);
        v.put("failed", failed.isEmpty() ? null : String.join("; ", failed));
        // other metrics, for --sort only
        other.forEach((m, xs) -> {
            if (!m.equals(metric) && !m.equals(test)) stats(v, m, xs);
        });
        return v;
    }

    private static void add(List<Double> xs, Object section, String key) {
        if (section instanceof Map<?, ?> m && m.get(key) instanceof Number n) xs.add(n.doubleValue());
    }

    private static void stats(Map<String, Object> v, String m, List<Double> xs) {
        if (xs.isEmpty()) {
            for (String s : STATS) v.put(m + "_" + s, null);
            return;
        }
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = sum / xs.size(), ss = 0;
        for (double x : xs) ss += (x - mean) * (x - mean);
        v.put(m + "_mean", mean);
        v.put(m + "_std", xs.size() > 1 ? Math.sqrt(ss / (xs.size() - 1)) : null);
        v.put(m + "_min", min);
        v.put(m + "_max", max);
    }

    /** Higher is better for accuracy and R², lower for the rest (losses, errors, spreads). */
    static boolean higherIsBetter(String column) {
        return (column.contains("accuracy") || column.endsWith("_r2") || column.contains("_r2_")) && !column.endsWith("_std");
    }

    /** Writes rows sorted by column (best first for a metric, ascending for the rest; missing values last), the first top of them. */
    void write(List<Row> rows, String sortColumn, int top, Format format, PrintWriter out) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (Row r : rows) values.add(values(r));
        Comparator<Object> order = SweepTable::compare;
        boolean metricColumn = !sortColumn.equals("point") && !sortColumn.equals("dir") && !keys.contains(sortColumn)
                && !sortColumn.equals("failed");
        if (metricColumn && higherIsBetter(sortColumn) || sortColumn.equals("ok") || sortColumn.equals("runs")) order = order.reversed();
        Comparator<Object> o = order;
        values.sort((a, b) -> {
            Object x = a.get(sortColumn), y = b.get(sortColumn);
            if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1;
            return o.compare(x, y);
        });
        if (top > 0 && values.size() > top) values = values.subList(0, top);
        List<String> columns = columns();
        if (format == Format.text) {
            text(values, out);
            return;
        }
        RowWriter w = new RowWriter(RowWriter.Format.valueOf(format.name()), out, columns);
        for (Map<String, Object> v : values) w.row(columns.stream().map(v::get).toArray());
        w.close();
    }

    /** Numbers by value, text by text (swept values that read as numbers compare as numbers). */
    private static int compare(Object a, Object b) {
        Double x = number(a), y = number(b);
        if (x != null && y != null) return Double.compare(x, y);
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static Double number(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        try {
            return o == null ? null : Double.valueOf(o.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Aligned columns: point, the swept values, ok/runs, mean ± std, min and max of each metric, then what failed. */
    private void text(List<Map<String, Object>> values, PrintWriter out) {
        List<String> head = new ArrayList<>(List.of("point"));
        head.addAll(keys);
        head.add("runs");
        List<String> metricsShown = test == null ? List.of(metric) : List.of(metric, test);
        for (String m : metricsShown) head.addAll(List.of(m + " (mean ± std)", "min", "max"));
        head.add("failed");
        List<List<String>> cells = new ArrayList<>();
        cells.add(head);
        for (Map<String, Object> v : values) {
            List<String> row = new ArrayList<>(List.of(v.get("point").toString()));
            for (String k : keys) row.add(String.valueOf(v.get(k)));
            row.add(v.get("ok") + "/" + v.get("runs"));
            for (String m : metricsShown) {
                Object mean = v.get(m + "_mean"), std = v.get(m + "_std");
                row.add(mean == null ? "-" : short4(mean) + (std == null ? "" : " ± " + String.format(Locale.ROOT, "%.2g", (Double) std)));
                row.add(v.get(m + "_min") == null ? "-" : short4(v.get(m + "_min")));
                row.add(v.get(m + "_max") == null ? "-" : short4(v.get(m + "_max")));
            }
            Object failed = v.get("failed");
            row.add(failed == null ? "" : failed.toString());
            cells.add(row);
        }
        int n = head.size();
        int[] width = new int[n];
        for (List<String> row : cells) for (int i = 0; i < n - 1; i++) width[i] = Math.max(width[i], row.get(i).length());
        for (List<String> row : cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String c = row.get(i);
                if (i == n - 1) {
                    b.append(c);
                } else {
                    b.append(c).append(" ".repeat(width[i] - c.length())).append("  ");
                }
            }
            out.println(b.toString().stripTrailing());
        }
        out.flush();
    }

    private static String short4(Object d) {
        return String.format(Locale.ROOT, "%.4g", ((Number) d).doubleValue());
    }
}
