package nn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nn.core.explain.Units;
import nn.core.spi.Layer;
import nn.core.spi.Parameter;
import nn.core.train.Gradients;
import nn.core.train.Network;

/**
 * A network laid out for drawing, independent of the output format: one column per layer (the inputs first), units
 * named as explanations name them (nn.core.explain.Units: I or I1.., h1 or h1a, h1b.., O or O1..), with the feature and class names beside them; every weight an edge named
 * as {@link Gradients#rows} numbers it (w1..wN layer by layer, row-major; biases b1..bM). A column wider than
 * maxUnits is one summary box, and the edges into or out of it one summary edge per unit. A layer without a weight
 * matrix but with parameters or buffers of its own (batch_norm, layer_norm) is one box, reached by one edge per unit
 * that carries the unit's scale (its weight γ_u; no weight when it has none), its shifts as the box's biases; a layer
 * with neither (dropout) is a note on the column before it.
 */
record Diagram(List<Column> columns, List<Edge> edges, boolean withGrad) {
    /** A layer: its header, its units (empty when summarised), its width and its biases (or null). */
    record Column(String title, String note, int width, List<Unit> units, boolean summarised, List<Gradients.Row> biases) {}

    /** One unit: its name, and its bias (name, value, grad) or null when it has none. */
    record Unit(String name, String tag, Gradients.Row bias) {}

    /**
     * An edge from unit (or summary box, when index -1) of column c to column c+1. weights: the weights it stands
     * for (one, or all of a summarised block).
     */
    record Edge(int column, int from, int to, List<Gradients.Row> weights) {
        Gradients.Row single() {
            return weights.size() == 1 ? weights.get(0) : null;
        }

        /** The weight's grad, or the sum of the grads of a summarised block. */
        double grad() {
            double s = 0;
            for (Gradients.Row r : weights) s += r.grad();
            return s;
        }
    }

    /**
     * Lays out net. inputs and outputs: names for the input and output units, or null for none
     * The parameters' grad fields are reported as they are (run {@link Gradients#backprop} first when withGrad).
     */
    static Diagram of(Network net, List<String> inputs, List<String> outputs, int maxUnits, boolean withGrad) {
        List<Gradients.Row> rows = Gradients.rows(net);
        List<Column> cols = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        cols.add(column("input", net.nin(), maxUnits, null, i -> new Unit(Units.input(i, net.nin()), name(inputs, i, null), null)));
        int row = 0;
        int hidden = 0;
        int drawn = 0;
        int count = (int) net.layers().stream().filter(l -> hasWeights(l) || isBox(l)).count();
        for (int li = 0; li < net.layers().size(); li++) {
            Layer layer = net.layers().get(li);
            List<Parameter> ps = layer.parameters();
            if (isBox(layer)) {
                drawn++;
                int nout = layer.nout(), h = ++hidden;
                List<Gradients.Row> scale = null, shift = null;
                for (Parameter p : ps) {
                    if (p.shape().length == 1 && p.size() == nout) {
                        if (p.name().equals("bias") && shift == null) shift = rows.subList(row, row + nout);
                        else if (!p.name().equals("bias") && scale == null) scale = rows.subList(row, row + nout);
                    }
                    row += p.size();
                }
                String note = layer.buffers().isEmpty() ? null : "buffers " + String.join(", ", layer.buffers().stream().map(b -> b.name()).toList());
                cols.add(new Column((drawn == count ? "output" : "hidden " + h) + " · " + kind(layer), note, nout, List.of(), true, shift));
                int c = cols.size() - 2;
                if (cols.get(c).summarised()) {
                    edges.add(new Edge(c, -1, -1, scale == null ? List.of() : scale));
                } else {
                    for (int i = 0; i < layer.nin(); i++) edges.add(new Edge(c, i, -1, scale == null || layer.nin() != nout ? List.of() : List.of(scale.get(i))));
                }
                continue;
            }
            if (!hasWeights(layer)) {
                Column prev = cols.remove(cols.size() - 1);
                String note = (prev.note() == null ? "" : prev.note() + ", ") + "then " + kind(layer);
                cols.add(new Column(prev.title(), note, prev.width(), prev.units(), prev.summarised(), prev.biases()));
                for (Parameter p : ps) row += p.size();
                continue;
            }
            drawn++;
            boolean last = drawn == count;
            int nout = layer.nout();
            int nin = layer.nin();
            List<Gradients.Row> w = rows.subList(row, row + ps.get(0).size());
            row += ps.get(0).size();
            List<Gradients.Row> b = null;
            for (int k = 1; k < ps.size(); k++) {
                if (ps.get(k).shape().length == 1 && ps.get(k).size() == nout && b == null) b = rows.subList(row, row + nout);
                row += ps.get(k).size();
            }
            List<Gradients.Row> bias = b;
            String act = layer.activationName() == null ? "" : " · " + layer.activationName();
            int h = ++hidden;
            String title = (last ? "output" : "hidden " + h) + " · " + kind(layer) + act;
            cols.add(column(title, nout, maxUnits, bias, j -> new Unit(
                    last ? Units.output(j, nout) : Units.hidden(h, j, nout), last ? name(outputs, j, null) : null,
                    bias == null ? null : bias.get(j))));
            int c = cols.size() - 2;
            boolean fromBox = cols.get(c).summarised(), toBox = cols.get(c + 1).summarised();
            if (fromBox && toBox) {
                edges.add(new Edge(c, -1, -1, w));
            } else if (fromBox) {
                for (int j = 0; j < nout; j++) edges.add(new Edge(c, -1, j, w.subList(j * nin, (j + 1) * nin)));
            } else if (toBox) {
                for (int i = 0; i < nin; i++) {
                    List<Gradients.Row> col = new ArrayList<>();
                    for (int j = 0; j < nout; j++) col.add(w.get(j * nin + i));
                    edges.add(new Edge(c, i, -1, col));
                }
            } else {
                for (int j = 0; j < nout; j++) {
                    for (int i = 0; i < nin; i++) edges.add(new Edge(c, i, j, List.of(w.get(j * nin + i))));
                }
            }
        }
        return new Diagram(cols, edges, withGrad);
    }

    /** The largest |grad| over the edges (at least the smallest positive double, so ratios are defined). */
    double maxGrad() {
        double m = Double.MIN_VALUE;
        for (Edge e : edges) m = Math.max(m, Math.abs(e.grad()));
        return m;
    }

    /** A number in at most 4 significant digits: 0.5, -0.001429, 1.2e-08. */
    static String num(double v) {
        if (v == 0 || !Double.isFinite(v)) return v == 0 ? "0" : Num.format(v);
        double a = Math.abs(v);
        String s = a >= 1e-3 && a < 1e5 ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.3e", v);
        if (s.contains("e")) {
            String[] p = s.split("e");
            return strip(p[0]) + "e" + Integer.parseInt(p[1]);
        }
        return strip(s);
    }

    /** The label of a summarised block: "w5..w68". Weights of one block are numbered by Gradients.rows; "" for none. */
    static String range(List<Gradients.Row> rows) {
        if (rows.isEmpty()) return "";
        String first = rows.get(0).name(), last = rows.get(rows.size() - 1).name();
        if (rows.size() == 1) return first;
        if (rows.size() == 2) return first + ", " + last;
        int a = Integer.parseInt(first.substring(1)), b = Integer.parseInt(rows.get(1).name().substring(1));
        return b == a + 1 ? first + "…" + last : first + ", " + rows.get(1).name() + ", …, " + last;
    }

    private static String strip(String s) {
        if (!s.contains(".")) return s;
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean hasWeights(Layer l) {
        return !l.parameters().isEmpty() && l.parameters().get(0).shape().length == 2
                && l.parameters().get(0).shape()[0] == l.nout() && l.parameters().get(0).shape()[1] == l.nin();
    }

    /** A layer drawn as a box of its own: no weight matrix, but parameters or buffers (batch_norm, layer_norm). */
    private static boolean isBox(Layer l) {
        return !hasWeights(l) && (!l.parameters().isEmpty() || !l.buffers().isEmpty());
    }

    /** The layer's kind from its class name, as configs name it: Dense -> dense, BatchNorm -> batch_norm. */
    private static String kind(Layer l) {
        return nn.core.train.Network.kind(l);
    }

    private static String name(List<String> names, int i, String dflt) {
        return names != null && i < names.size() && names.get(i) != null ? names.get(i) : dflt;
    }

    private static Column column(String title, int width, int maxUnits, List<Gradients.Row> biases, java.util.function.IntFunction<Unit> unit) {
        if (width > maxUnits) return new Column(title, null, width, List.of(), true, biases);
        List<Unit> us = new ArrayList<>();
        for (int i = 0; i < width; i++) us.add(unit.apply(i));
        return new Column(title, null, width, us, false, biases);
    }
}
