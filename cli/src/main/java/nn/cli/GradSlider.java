package nn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nn.core.BadInputException;
import nn.core.explain.ParamRef;
import nn.core.explain.Units;
import nn.core.train.Gradients;
import nn.core.train.Network;

/**
 * nn grad --vary NAME=START:STOP:COUNT: the slider a learner drags in Desmos, as rows. NAME (a parameter, w1 or
 * layers.0.weight[0,0], or an input, I or I2) takes COUNT evenly spaced values from START to STOP; each row gives
 * the value, the output or loss there, and the gradient of the explained parameter (the varied one by default) as
 * nn grad computes it, with --check its central finite difference.
 */
final class GradSlider {
    private static final Pattern VARY = Pattern.compile("\\s*([^=\\s]+)\\s*=\\s*([^:]+):([^:]+):([^:]+)\\s*");

    /** What --vary asked for. */
    record Vary(String name, double start, double stop, int count) {
        double at(int i) {
            return count == 1 ? start : start + (stop - start) * i / (count - 1);
        }
    }

    private GradSlider() {}

    static Vary parse(String text) {
        Matcher m = VARY.matcher(text);
        if (!m.matches()) throw new BadInputException("--vary " + text + ": expected NAME=START:STOP:COUNT, e.g. --vary w1=0:1:11");
        double start = number(text, m.group(2)), stop = number(text, m.group(3));
        int count;
        try {
            count = Integer.parseInt(m.group(4).strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("--vary " + text + ": COUNT '" + m.group(4) + "' is not a whole number");
        }
        if (count < 1 || count > 100_000) throw new BadInputException("--vary " + text + ": COUNT must be from 1 to 100000");
        return new Vary(m.group(1), start, stop, count);
    }

    private static double number(String text, String s) {
        try {
            double v = Double.parseDouble(s.strip());
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadInputException("--vary " + text + ": '" + s + "' is not a finite number");
    }

    /** The columns of the rows: the varied name, the target, its gradient, and with check numeric, abs_err, ok. */
    record Rows(List<String> columns, List<double[]> values, List<Boolean> ok) {}

    static Rows run(Network net, Gradients.Target target, Vary v, String explain, boolean check, double eps, double atol, double rtol) {
        List<Gradients.Element> elements = Gradients.elements(net);
        Gradients.Element varied = element(net, elements, v.name());
        double[] x = target instanceof Gradients.OfOutput o ? o.x() : ((Gradients.OfLoss) target).x();
        int input = varied == null ? input(net, v.name(), target) : -1;
        if (explain == null && varied == null) throw new BadInputException("--vary " + v.name() + ": an input; add --explain PARAM for the gradient column");
        Gradients.Element of = explain == null ? varied : element(net, elements, explain);
        if (of == null) ParamRef.resolve(net, explain); // the one-line error for an unknown name
        String target1 = target instanceof Gradients.OfOutput o ? Units.output(o.k(), net.nout()) : "L";
        List<String> cols = new ArrayList<>(List.of(varied != null ? varied.name() : v.name(), target1, "d" + target1 + "/d" + of.name()));
        if (check) cols.addAll(List.of("numeric", "abs_err"));
        List<double[]> rows = new ArrayList<>();
        List<Boolean> ok = new ArrayList<>();
        double kept = varied != null ? varied.value() : x[input];
        try {
            for (int i = 0; i < v.count(); i++) {
                double at = v.at(i);
                if (varied != null) varied.p().data()[varied.index()] = at;
                else x[input] = at;
                double value = Gradients.backprop(net, target);
                double grad = of.p().grad()[of.index()];
                if (!check) {
                    rows.add(new double[] {at, value, grad});
                    continue;
                }
                double numeric = central(net, target, of, eps);
                rows.add(new double[] {at, value, grad, numeric, Math.abs(grad - numeric)});
                ok.add(Gradients.agree(grad, numeric, atol, rtol));
            }
        } finally {
            if (varied != null) varied.p().data()[varied.index()] = kept;
            else x[input] = kept;
        }
        return new Rows(cols, rows, ok);
    }

    /** (f(θ + ε) − f(θ − ε)) / 2ε for one element. */
    private static double central(Network net, Gradients.Target target, Gradients.Element e, double eps) {
        double[] d = e.p().data();
        double keep = d[e.index()];
        d[e.index()] = keep + eps;
        double plus = Gradients.value(net, target);
        d[e.index()] = keep - eps;
        double minus = Gradients.value(net, target);
        d[e.index()] = keep;
        return (plus - minus) / (2 * eps);
    }

    /** The parameter element named (w1 or a path, {@link ParamRef#find}), or null when the name is not a parameter's. */
    private static Gradients.Element element(Network net, List<Gradients.Element> elements, String name) {
        List<ParamRef> all = ParamRef.all(net); // in the order of Gradients.elements, which it is made from
        ParamRef r = ParamRef.find(all, name);
        return r == null ? null : elements.get(all.indexOf(r));
    }

    /** The input named (I, I1, …): one input row only. */
    private static int input(Network net, String name, Gradients.Target target) {
        for (int i = 0; i < net.nin(); i++) {
            if (!Units.input(i, net.nin()).equalsIgnoreCase(name)) continue;
            if (target instanceof Gradients.OfLoss l && l.n() != 1) {
                throw new BadInputException("--vary " + name + ": an input of one sample: add --sample K (or --of output)");
            }
            return i;
        }
        ParamRef.resolve(net, name); // unknown: the error names the parameters, with the closest
        throw new IllegalStateException();
    }

    /** The rows to out as format. */
    static boolean write(Rows r, RowWriter.Format format, PrintWriter out) {
        List<String> cols = new ArrayList<>(r.columns());
        boolean check = !r.ok().isEmpty();
        if (check) cols.add("ok");
        RowWriter w = new RowWriter(format, out, cols);
        boolean all = true;
        for (int i = 0; i < r.values().size(); i++) {
            double[] v = r.values().get(i);
            List<Object> row = new ArrayList<>();
            for (double d : v) row.add(d);
            if (check) {
                row.add(r.ok().get(i));
                all &= r.ok().get(i);
            }
            w.row(row.toArray());
        }
        w.close();
        return all;
    }

    /** --plot: the target and its gradient against the varied value, as two charts (nn plot's chart code). */
    static void plot(Rows r, Path file) {
        int n = r.values().size();
        double[] x = new double[n], f = new double[n], g = new double[n], num = r.columns().size() > 3 ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            double[] v = r.values().get(i);
            x[i] = v[0];
            f[i] = v[1];
            g[i] = v[2];
            if (num != null) num[i] = v[3];
        }
        List<String> c = r.columns();
        Charts.curves(c.get(0), List.of(new Charts.Curve(c.get(1), List.of(new Charts.Line(c.get(1), f, false))),
                new Charts.Curve(c.get(2), num == null ? List.of(new Charts.Line(c.get(2), g, false))
                        : List.of(new Charts.Line(c.get(2), g, false), new Charts.Line("finite difference", num, true)))), x, file, 900, 600);
    }
}
