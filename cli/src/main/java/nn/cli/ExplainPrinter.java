package nn.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import nn.core.explain.Deltas;
import nn.core.explain.Explain;
import nn.core.explain.Factor;
import nn.core.explain.Mistakes;
import nn.core.explain.Paths;
import nn.core.explain.Trace;

/**
 * Prints an {@link Explain}: in path form the symbolic sum (common leading factors taken out in front of
 * brackets), the same with values, each path's product and the total; in delta form each unit's g and δ layer by
 * layer and the gradient δ·x. The last line is always the total. LaTeX writes the two expression lines as LaTeX
 * and the rest as % comments.
 */
final class ExplainPrinter {
    private final PrintWriter out;
    private final boolean latex;

    ExplainPrinter(PrintWriter out, boolean latex) {
        this.out = out;
        this.latex = latex;
    }

    void print(Explain ex) {
        String lhs = lhs(ex, false);
        int n = ex.rows();
        comment(lhs + " for " + ex.ref().name() + " = " + ex.ref().path() + " = " + Num.format(ex.ref().value())
                + (ex.byPaths() ? ", " + ex.paths().size() / n + (ex.paths().size() / n == 1 ? " path" : " paths") : "")
                + (n > 1 ? ", summed over " + n + " samples" : ""));
        if (ex.byPaths()) printPaths(ex, lhs);
        else printDeltas(ex, lhs);
    }

    private String lhs(Explain ex, boolean tex) {
        if (tex) return "\\frac{\\partial " + nn.core.explain.Units.latex(ex.of()) + "}{\\partial " + nn.core.explain.Units.latex(ex.ref().name()) + "}";
        return "d" + ex.of() + "/d" + ex.ref().name();
    }

    private void printPaths(Explain ex, String lhs) {
        List<Paths.Path> paths = ex.paths();
        if (paths.isEmpty()) {
            out.println(lhs + " = 0");
            comment("no path leads from " + ex.ref().name() + " to " + ex.of());
            out.println(lhs + " = " + Num.format(0.0));
            return;
        }
        List<Paths.Path> first = rowPaths(paths, 0);
        out.println(latex ? lhs(ex, true) + " = " + sum(first, Factor::latex, true) : lhs + " = " + sum(first, Factor::text, false));
        for (int r = 0; r < ex.rows(); r++) {
            List<Paths.Path> ps = rowPaths(paths, r);
            String vals = sum(ps, f -> Num.format(f.value()), false);
            String head = ex.rows() > 1 ? "sample " + r + ": " : "";
            if (latex) out.println((ex.rows() > 1 ? "% " + head : "") + "= " + vals.replace(" · ", " \\cdot ").replace("[ ", "\\left[ ").replace(" ]", " \\right]"));
            else out.println(head + lhs + " = " + vals);
            double sum = 0;
            for (Paths.Path p : ps) {
                comment("  path " + p.key() + ": " + String.join(" · ", p.factors().stream().map(Factor::text).toList()) + " = " + Num.format(p.value()));
                sum += p.value();
            }
            if (ex.rows() > 1) comment("  sample " + r + " total: " + Num.format(sum));
        }
        total(ex, lhs);
    }

    private void total(Explain ex, String lhs) {
        out.println((latex ? "% " : "") + lhs + " = " + Num.format(ex.total()));
    }

    private static List<Paths.Path> rowPaths(List<Paths.Path> paths, int r) {
        return paths.stream().filter(p -> p.row() == r).toList();
    }

    /** a · [ b · c  +  d · e ] with the leading factors all paths share taken out; a plain product for one path. */
    static String sum(List<Paths.Path> ps, Function<Factor, String> name, boolean tex) {
        String dot = tex ? " \\cdot " : " · ";
        if (ps.size() == 1) return product(ps.get(0).factors(), name, dot);
        int common = 0;
        outer:
        for (; common < ps.get(0).factors().size(); common++) {
            String t = ps.get(0).factors().get(common).text();
            for (Paths.Path p : ps) if (p.factors().size() <= common + 1 || !p.factors().get(common).text().equals(t)) break outer;
        }
        StringBuilder sb = new StringBuilder();
        if (common > 0) sb.append(product(ps.get(0).factors().subList(0, common), name, dot)).append(dot);
        if (common > 0) sb.append(tex ? "\\left[ " : "[ ");
        for (int i = 0; i < ps.size(); i++) {
            if (i > 0) sb.append("  +  ");
            List<Factor> fs = ps.get(i).factors();
            sb.append(product(fs.subList(common, fs.size()), name, dot));
        }
        if (common > 0) sb.append(tex ? " \\right]" : " ]");
        return sb.toString();
    }

    private static String product(List<Factor> fs, Function<Factor, String> name, String dot) {
        if (fs.isEmpty()) return "1";
        return String.join(dot, fs.stream().map(name).toList());
    }

    private void printDeltas(Explain ex, String lhs) {
        comment("delta form: " + ex.why());
        comment("g_u = d" + ex.of() + "/da_u (at the output: " + (ex.of().equals("L") ? "dL/dO" : "1 for " + ex.of() + ", 0 otherwise")
                + "; below: Σ_k w_ku · δ_k), δ_u = d" + ex.of() + "/dz_u = f'(z_u) · g_u (Σ_j ∂a_j/∂z_u · g_j when f is not element-wise)");
        for (Deltas.Row d : ex.deltas()) {
            if (ex.rows() > 1) comment("sample " + d.row() + ":");
            for (List<Deltas.Unit> layer : d.layers()) {
                int m = layer.get(0).layer();
                Trace.Step s = ex.steps().get(d.row()).get(m);
                comment("  layer " + (m + 1) + " (" + s.activation() + (s.elementwise() ? "" : ", not element-wise") + "):");
                for (Deltas.Unit u : layer) {
                    String how = s.elementwise() ? " = " + Num.format(s.deriv()[u.unit()]) + " · " + Num.format(u.g()) : "";
                    comment("    " + u.name() + ": g = " + Num.format(u.g()) + ", δ_" + u.name() + how + " = " + Num.format(u.delta()));
                }
            }
            String unit = ex.units().unit(ex.ref().layer(), ex.ref().unit());
            String x = ex.ref().bias() ? "1" : ex.units().inputOf(ex.ref().layer(), ex.ref().input());
            double delta = d.layers().get(d.layers().size() - 1).get(ex.ref().unit()).delta();
            comment((ex.rows() > 1 ? "  " : "") + lhs + " = δ_" + unit + " · " + x + " = " + Num.format(delta) + " · " + Num.format(d.input())
                    + " = " + Num.format(d.grad()));
        }
        total(ex, lhs);
    }

    /** The diagnosis of a hand-derived value. */
    void print(Explain ex, Mistakes.Diagnosis d, double tol) {
        String lhs = lhs(ex, false);
        String v = Num.format(d.expected());
        out.println();
        if (d.right()) {
            out.println((latex ? "% " : "") + "expect " + v + ": right (" + lhs + " = " + Num.format(d.correct()) + ", within relative tolerance " + tol + ")");
            return;
        }
        if (d.matches().isEmpty()) {
            out.println((latex ? "% " : "") + "expect " + v + ": no usual mistake reproduces this value within relative tolerance " + tol
                    + " (" + lhs + " = " + Num.format(d.correct()) + ")");
            return;
        }
        for (Mistakes.Match m : d.matches()) {
            out.println("% expect ".substring(latex ? 0 : 2) + v + " is what you get " + m.description());
            out.println("%   correct:  ".substring(latex ? 0 : 2) + lhs + " = " + sumText(ex.paths()) + "  = " + Num.format(d.correct()));
            out.println("%   mistaken: ".substring(latex ? 0 : 2) + lhs + " = " + (m.mistaken().sign() < 0 ? "-( " : "")
                    + sumText(m.mistaken().paths()) + (m.mistaken().sign() < 0 ? " )" : "") + "  = " + Num.format(m.value()));
        }
    }

    /**
     * The diagnosis of a hand-derived formula: its value against the true one, then path by path the factors its
     * product for that path lacks or has in excess (an activation where its derivative belongs said as such), the
     * paths it has no product for, and its products that are no path.
     */
    void print(Explain ex, String formula, nn.core.formula.Diagnosis d) {
        String lhs = lhs(ex, false);
        out.println();
        comment("your formula: " + lhs + " = " + formula);
        comment("  gives " + twelve(d.value()) + " (" + Num.format(d.value()) + "); the chain rule gives " + lhs + " = " + twelve(d.truth())
                + " (" + Num.format(d.truth()) + ")");
        List<String> missing = new java.util.ArrayList<>();
        for (nn.core.formula.Diagnosis.PathReport p : d.paths()) {
            if (p.term() == null) {
                comment("  path " + p.path() + ": no term of yours; the chain rule has " + String.join(" · ", p.missing()));
                missing.add("the whole path " + p.path());
                continue;
            }
            if (p.right()) {
                comment("  path " + p.path() + ": " + p.term() + ": right");
                continue;
            }
            List<String> what = new java.util.ArrayList<>();
            if (!p.missing().isEmpty()) what.add("missing " + String.join(", ", p.missing()));
            if (!p.extra().isEmpty()) what.add("with " + String.join(", ", p.extra()) + " too many");
            for (String sw : p.swapped()) what.add(sw);
            comment("  path " + p.path() + ": your term " + p.term() + " is " + String.join("; ", what));
            if (!p.missing().isEmpty()) missing.add(String.join(" and ", p.missing()) + " (path " + p.path() + ")");
        }
        for (String t : d.strays()) comment("  your term " + t + " is no path from " + ex.ref().name() + " to " + ex.of());
        boolean right = d.strays().isEmpty() && d.paths().stream().allMatch(nn.core.formula.Diagnosis.PathReport::right);
        if (right) comment("  every path, every factor: your formula is the chain rule");
        else if (!missing.isEmpty()) comment("  missing factors: " + String.join("; ", missing));
    }

    /** A value to 12 significant digits, as a learner copies one from a calculator. */
    private static String twelve(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString();
    }

    private String sumText(List<Paths.Path> paths) {
        List<Paths.Path> first = rowPaths(paths, 0);
        if (first.isEmpty()) return "0";
        return sum(first, Factor::text, false) + (paths.size() > first.size() ? "  (per sample, summed)" : "");
    }

    private void comment(String s) {
        out.println(latex ? "% " + s : s);
    }
}
