package nn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nn.core.train.Gradients;

/**
 * Writes a {@link Diagram} as a self-contained SVG document (no scripts, fonts or links). Layers run left to right.
 * Left of each unit is its label block: one row per incoming weight ("w3 = 0.5", ordered as the sources are, top to
 * bottom) and a last row for its bias; each edge ends at its own row, so labels never lie on top of one another.
 */
final class SvgDiagram {
    static final String POSITIVE = "#1f5fbf", NEGATIVE = "#c62828", NEUTRAL = "#9a9a9a";
    private static final int R = 20, BOX_W = 84, ROW = 15, TOP = 92, BOTTOM = 56, GAP = 150, FONT = 11;
    private static final double CHAR = 6.7;

    /** One row of a label block: its text, and the gradient part (null without --grad). */
    private record Line(String text, String grad, double g, boolean bias) {}

    private final Diagram d;
    private final StringBuilder sb = new StringBuilder();
    private final int n;
    private final double[] xs, gaps, blockWidth;
    private final double left, right, mid, height;

    private SvgDiagram(Diagram d) {
        this.d = d;
        this.n = d.columns().size();
        xs = new double[n];
        gaps = new double[n];
        blockWidth = new double[n];
        double tall = 2 * R;
        for (int c = 0; c < n; c++) {
            Diagram.Column col = d.columns().get(c);
            int rows = 1;
            for (int t : targets(c)) {
                List<Line> b = block(c, t);
                rows = Math.max(rows, b.size());
                for (Line l : b) blockWidth[c] = Math.max(blockWidth[c], width(l));
            }
            gaps[c] = Math.max(2 * R + 22, rows * ROW + 12);
            double h = col.summarised() ? Math.max(130, rows * ROW + 20) : (col.units().size() - 1) * gaps[c] + Math.max(2 * R, rows * ROW);
            tall = Math.max(tall, h);
        }
        left = Math.max(40 + R + tagWidth(0), headerHalf(0) + 16);
        right = Math.max(40 + R + tagWidth(n - 1), headerHalf(n - 1) + 16);
        xs[0] = left;
        for (int c = 1; c < n; c++) xs[c] = xs[c - 1] + half(c - 1) + GAP + blockWidth[c] + 10 + half(c);
        mid = TOP + tall / 2;
        height = TOP + tall + BOTTOM + (d.withGrad() ? 14 : 0);
    }

    /** The SVG text of d under a title line, with an optional caption at the bottom. */
    static String write(Diagram d, String title, String caption) {
        return new SvgDiagram(d).render(title, caption);
    }

    private String render(String title, String caption) {
        double width = Math.max(xs[n - 1] + right, 9 * title.length() + 40);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                + "font-family=\"DejaVu Sans, Verdana, Helvetica, Arial, sans-serif\">%n", width, height, width, height));
        sb.append(f("<rect width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>%n", width, height));
        text(width / 2, 28, title, 16, "middle", "bold", "#222");
        double maxGrad = d.maxGrad();
        for (Diagram.Edge e : d.edges()) edge(e, maxGrad);
        for (int c = 0; c < n; c++) {
            header(c);
            for (int t : targets(c)) {
                node(c, t);
                List<Line> lines = block(c, t);
                if (c > 0 && !lines.isEmpty()) block(c, t, lines);
            }
        }
        if (caption != null) text(width / 2, height - 18, caption, 12, "middle", "normal", "#444");
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** The unit indexes of column c, or {-1} for its summary box. */
    private List<Integer> targets(int c) {
        Diagram.Column col = d.columns().get(c);
        List<Integer> out = new ArrayList<>();
        if (col.summarised()) out.add(-1);
        for (int i = 0; i < col.units().size(); i++) out.add(i);
        return out;
    }

    /** The rows of the label block of unit t of column c: its incoming edges in source order, then its bias. */
    private List<Line> block(int c, int t) {
        List<Line> lines = new ArrayList<>();
        for (Diagram.Edge e : d.edges()) {
            if (e.column() != c - 1 || e.to() != t || e.weights().isEmpty()) continue;
            Gradients.Row r = e.single();
            String text = r != null ? r.name() + " = " + Diagram.num(r.value()) : Diagram.range(e.weights());
            String g = d.withGrad() ? (r != null ? "∂ " : "Σ∂ ") + Diagram.num(e.grad()) : null;
            lines.add(new Line(text, g, e.grad(), false));
        }
        Diagram.Column col = d.columns().get(c);
        Gradients.Row b = t >= 0 ? col.units().get(t).bias() : null;
        if (b != null) {
            lines.add(new Line(b.name() + " = " + Diagram.num(b.value()), d.withGrad() ? "∂ " + Diagram.num(b.grad()) : null, b.grad(), true));
        } else if (t < 0 && col.biases() != null) {
            double s = 0;
            for (Gradients.Row r : col.biases()) s += r.grad();
            lines.add(new Line(Diagram.range(col.biases()), d.withGrad() ? "Σ∂ " + Diagram.num(s) : null, s, true));
        }
        return lines;
    }

    private void header(int c) {
        Diagram.Column col = d.columns().get(c);
        text(xs[c], 58, col.title(), 13, "middle", "bold", "#333");
        String sub = col.width() + (col.width() == 1 ? " unit" : " units") + (col.note() == null ? "" : ", " + col.note());
        text(xs[c], 75, sub, FONT, "middle", "normal", "#666");
    }

    private double y(int c, int i) {
        Diagram.Column col = d.columns().get(c);
        if (i < 0) return mid;
        return mid + (i - (col.units().size() - 1) / 2.0) * gaps[c];
    }

    private double half(int c) {
        return d.columns().get(c).summarised() ? BOX_W / 2.0 : R;
    }

    /** The y of row k of a block of size rows beside a unit at y. */
    private static double rowY(double y, int k, int rows) {
        return y - rows * ROW / 2.0 + ROW * (k + 0.5);
    }

    private void edge(Diagram.Edge e, double maxGrad) {
        int c = e.column();
        double x1 = xs[c] + half(c), y1 = y(c, e.from());
        List<Line> b = block(c + 1, e.to());
        int k = 0;
        for (Diagram.Edge o : d.edges()) {
            if (o == e) break;
            if (o.column() == c && o.to() == e.to() && !o.weights().isEmpty()) k++;
        }
        // an edge without weights (into a layer without them) ends at the middle of the target's label block
        double x2 = xs[c + 1] - half(c + 1) - 10 - blockWidth[c + 1];
        double y2 = e.weights().isEmpty() ? y(c + 1, e.to()) : rowY(y(c + 1, e.to()), k, b.size());
        String colour = NEUTRAL;
        double w = e.weights().size() > 1 ? 2.5 : 1.3;
        if (d.withGrad()) {
            double g = e.grad();
            colour = g > 0 ? POSITIVE : g < 0 ? NEGATIVE : NEUTRAL;
            w = 0.8 + 5.2 * Math.abs(g) / maxGrad;
        }
        sb.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.2f\" stroke-linecap=\"round\">",
                x1, y1, x2, y2, colour, w));
        sb.append("<title>").append(esc(tooltip(e))).append("</title></line>\n");
    }

    private void block(int c, int t, List<Line> lines) {
        double y = y(c, t);
        double x0 = xs[c] - half(c) - 10 - blockWidth[c];
        double top = y - lines.size() * ROW / 2.0;
        sb.append(f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"#fbfbfb\" stroke=\"#d6d6d6\"/>%n",
                x0 - 3, top - 1, blockWidth[c] + 6, lines.size() * ROW + 2));
        sb.append(f("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d6d6d6\"/>%n", x0 + blockWidth[c] + 3, y, xs[c] - half(c), y));
        for (int k = 0; k < lines.size(); k++) {
            Line l = lines.get(k);
            sb.append(f("<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"%s\">%s", x0, rowY(y, k, lines.size()) + 4, FONT,
                    l.bias() ? "#666" : "#222", esc(l.text())));
            if (l.grad() != null) {
                sb.append(f("<tspan dx=\"8\" fill=\"%s\">%s</tspan>", l.g() > 0 ? POSITIVE : l.g() < 0 ? NEGATIVE : "#444", esc(l.grad())));
            }
            sb.append("</text>\n");
        }
    }

    private void node(int c, int t) {
        Diagram.Column col = d.columns().get(c);
        boolean input = c == 0, output = c == n - 1;
        double y = y(c, t);
        if (t < 0) {
            double h = Math.max(130, block(c, t).size() * ROW + 20);
            sb.append(f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.0f\" rx=\"10\" fill=\"#eef1f6\" stroke=\"#333\" stroke-width=\"1.5\"/>%n",
                    xs[c] - BOX_W / 2.0, y - h / 2, BOX_W, h));
            text(xs[c], y - 4, Integer.toString(col.width()), 16, "middle", "bold", "#222");
            text(xs[c], y + 14, input ? "inputs" : "units", 12, "middle", "normal", "#222");
            return;
        }
        Diagram.Unit u = col.units().get(t);
        sb.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\" stroke=\"#333\" stroke-width=\"1.5\"/>%n",
                xs[c], y, R, input ? "#f3f3f3" : output ? "#fdf3e1" : "#eef1f6"));
        text(xs[c], y + 5, u.name(), u.name().length() > 3 ? 10 : 13, "middle", "bold", "#222");
        if (u.tag() != null) text(xs[c] + (input ? -R - 8 : R + 8), y + 4, u.tag(), 12, input ? "end" : "start", "normal", "#333");
    }

    private double headerHalf(int c) {
        return d.columns().get(c).title().length() * 8.0 / 2;
    }

    private double tagWidth(int c) {
        double w = 0;
        for (Diagram.Unit u : d.columns().get(c).units()) if (u.tag() != null) w = Math.max(w, u.tag().length() * 7.2 + 8);
        return w;
    }

    private static double width(Line l) {
        return (l.text().length() + (l.grad() == null ? 0 : l.grad().length())) * CHAR + (l.grad() == null ? 0 : 8);
    }

    private static String tooltip(Diagram.Edge e) {
        if (e.weights().isEmpty()) return "no weight";
        StringBuilder t = new StringBuilder();
        for (Gradients.Row r : e.weights().subList(0, Math.min(8, e.weights().size()))) {
            if (t.length() > 0) t.append('\n');
            t.append(r.name()).append(' ').append(r.param()).append(" = ").append(Num.format(r.value())).append(", grad ").append(Num.format(r.grad()));
        }
        if (e.weights().size() > 8) t.append("\n… ").append(e.weights().size() - 8).append(" more");
        return t.toString();
    }

    private void text(double x, double y, String s, int size, String anchor, String weight, String colour) {
        sb.append(f("<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\" font-weight=\"%s\" fill=\"%s\">%s</text>%n",
                x, y, size, anchor, weight, colour, esc(s)));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
