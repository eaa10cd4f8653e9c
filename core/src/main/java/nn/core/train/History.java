package nn.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of every epoch so far, as columns of doubles: one named column per metric ({@code epoch}, {@code lr},
 * {@code train_loss}, …), one row per epoch. A row costs an append to each column, not a map: a run of 100,000
 * one-row epochs keeps 100,000 rows without boxing. {@link #row} gives a row as a map for printing and checkpoints.
 * A column that a row lacks holds NaN there and is left out of that row's map.
 */
public final class History {
    private final List<String> names = new ArrayList<>();
    private double[][] columns = new double[0][];
    private int rows;

    /** The column of name, added (NaN in earlier rows) if new. */
    public int column(String name) {
        int c = names.indexOf(name);
        if (c >= 0) return c;
        names.add(name);
        columns = Arrays.copyOf(columns, names.size());
        double[] col = new double[Math.max(16, capacity())];
        Arrays.fill(col, Double.NaN);
        columns[names.size() - 1] = col;
        return names.size() - 1;
    }

    private int capacity() {
        return columns.length == 0 || columns[0] == null ? 0 : columns[0].length;
    }

    /** Starts a new row (every column NaN until set). */
    public void newRow() {
        if (rows == capacity()) {
            int cap = Math.max(16, rows * 2);
            for (int c = 0; c < columns.length; c++) {
                int old = columns[c].length;
                columns[c] = Arrays.copyOf(columns[c], cap);
                Arrays.fill(columns[c], old, cap, Double.NaN);
            }
        }
        rows++;
    }

    /** Sets column c of the last row. */
    public void set(int c, double v) {
        columns[c][rows - 1] = v;
    }

    public int size() {
        return rows;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** Column c of row r. */
    public double get(int r, int c) {
        return columns[c][r];
    }

    /** Column name of row r, NaN when absent. */
    public double get(int r, String name) {
        int c = names.indexOf(name);
        return c < 0 ? Double.NaN : columns[c][r];
    }

    /** Row r as a map, in column order, without the columns it lacks (a new map). */
    public Map<String, Double> row(int r) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) if (!Double.isNaN(columns[c][r])) m.put(names.get(c), columns[c][r]);
        return m;
    }

    /** Every row as a map (new maps). */
    public List<Map<String, Double>> rows() {
        List<Map<String, Double>> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) out.add(row(r));
        return out;
    }

    /** Replaces the contents with rows. */
    public void set(List<Map<String, Double>> rowMaps) {
        names.clear();
        columns = new double[0][];
        rows = 0;
        for (Map<String, Double> m : rowMaps) {
            for (String k : m.keySet()) column(k);
            newRow();
            m.forEach((k, v) -> set(column(k), v));
        }
    }
}
