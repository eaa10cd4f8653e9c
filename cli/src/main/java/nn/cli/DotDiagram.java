package nn.cli;

import java.util.Locale;
import nn.core.train.Gradients;

/** Writes a {@link Diagram} as a Graphviz digraph (left to right, one cluster per layer); render with {@code dot -Tsvg}. */
final class DotDiagram {
    private DotDiagram() {}

    static String write(Diagram d, String title, String caption) {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph nn {\n  rankdir=LR; splines=line; nodesep=0.5; ranksep=2.2;\n");
        sb.append("  labelloc=t; fontname=\"Helvetica\"; label=").append(q(title + (caption == null ? "" : "\n" + caption))).append(";\n");
        sb.append("  node [fontname=\"Helvetica\", fontsize=11, shape=circle, style=filled, fillcolor=\"#eef1f6\"];\n");
        sb.append("  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.5, color=\"").append(SvgDiagram.NEUTRAL).append("\"];\n");
        for (int c = 0; c < d.columns().size(); c++) {
            Diagram.Column col = d.columns().get(c);
            sb.append("  subgraph cluster_").append(c).append(" {\n    color=\"#cccccc\"; label=")
                    .append(q(col.title() + "\n" + col.width() + (col.width() == 1 ? " unit" : " units") + (col.note() == null ? "" : ", " + col.note()))).append(";\n");
            if (col.summarised()) {
                String bias = col.biases() == null ? "" : "\n" + Diagram.range(col.biases());
                sb.append("    ").append(id(c, -1)).append(" [shape=box, style=\"rounded,filled\", label=").append(q(col.width() + (c == 0 ? " inputs" : " units") + bias)).append("];\n");
            }
            for (int i = 0; i < col.units().size(); i++) {
                Diagram.Unit u = col.units().get(i);
                StringBuilder l = new StringBuilder(u.tag() == null ? u.name() : u.name() + "\n" + u.tag());
                if (u.bias() != null) {
                    l.append('\n').append(u.bias().name()).append('=').append(Diagram.num(u.bias().value()));
                    if (d.withGrad()) l.append("\n∂ ").append(Diagram.num(u.bias().grad()));
                }
                sb.append("    ").append(id(c, i)).append(" [label=").append(q(l.toString())).append("];\n");
            }
            sb.append("  }\n");
        }
        double max = d.maxGrad();
        for (Diagram.Edge e : d.edges()) {
            if (e.weights().isEmpty()) { // into a layer without weights: a plain connection
                sb.append("  ").append(id(e.column(), e.from())).append(" -> ").append(id(e.column() + 1, e.to())).append(";\n");
                continue;
            }
            Gradients.Row r = e.single();
            String label = r != null ? r.name() + "=" + Diagram.num(r.value()) : Diagram.range(e.weights());
            if (d.withGrad()) label += "\n" + (r != null ? "∂ " : "Σ∂ ") + Diagram.num(e.grad());
            sb.append("  ").append(id(e.column(), e.from())).append(" -> ").append(id(e.column() + 1, e.to())).append(" [label=").append(q(label));
            if (d.withGrad()) {
                double g = e.grad();
                sb.append(String.format(Locale.ROOT, ", color=\"%s\", fontcolor=\"%s\", penwidth=%.2f",
                        g > 0 ? SvgDiagram.POSITIVE : g < 0 ? SvgDiagram.NEGATIVE : SvgDiagram.NEUTRAL,
                        g > 0 ? SvgDiagram.POSITIVE : g < 0 ? SvgDiagram.NEGATIVE : "black", 0.6 + 5.0 * Math.abs(g) / max));
            }
            sb.append("];\n");
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static String id(int c, int i) {
        return "n" + c + "_" + (i < 0 ? "box" : Integer.toString(i));
    }

    private static String q(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
