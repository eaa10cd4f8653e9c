package nn.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import nn.core.BadInputException;
import nn.core.check.Check;
import nn.core.check.ProviderChecks;
import nn.core.check.Tolerance;
import nn.core.spi.Param;
import nn.core.spi.Provider;
import nn.core.train.PluginJars;
import nn.core.train.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * nn plugins: every provider by kind, with its parameters, docs and origin; with {@code --check NAME}, the checks of
 * the providers named NAME ({@link ProviderChecks}).
 */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = {"List every layer, activation, loss, optimizer and initializer with its parameters and where it came from (built-in or a jar).",
                "With --check NAME: check the providers named NAME by finite differences and the contracts of their kind."})
final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    Nn root;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", description = "text (default), tsv, csv, jsonl or json: one row per parameter (with --check, per check).")
    RowWriter.Format format;

    @Option(names = "--check", paramLabel = "NAME", description = {"Check the providers named NAME (of every kind) on small seeded random cases instead of listing:"
            + " backward passes and gradients against central differences, optimizer steps, initializer fills. One row per check;"
            + " exit 1 if any fails."})
    String check;

    @Option(names = "--eps", converter = Numbers.Positive.class, defaultValue = "1e-6", description = "With --check: finite-difference step. Default: ${DEFAULT-VALUE}.")
    double eps;

    @Option(names = "--atol", converter = Numbers.NonNegative.class, defaultValue = "1e-7",
            description = "With --check: ok when |analytic - numeric| <= atol + rtol·max(|analytic|, |numeric|). Default: ${DEFAULT-VALUE}.")
    double atol;

    @Option(names = "--rtol", converter = Numbers.NonNegative.class, defaultValue = "1e-5", description = "With --check: see --atol. Default: ${DEFAULT-VALUE}.")
    double rtol;

    @Option(names = "--seed", defaultValue = "1", description = "With --check: the seed of the random cases. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (check != null) return check(out);
        for (String o : List.of("--eps", "--atol", "--rtol", "--seed")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) throw new BadInputException(o + " goes with --check NAME");
        }
        if (format == null) {
            for (Registry<? extends Provider> r : root.plugins().all()) text(out, r);
            out.flush();
            return Nn.OK;
        }
        RowWriter w = new RowWriter(format, out, List.of("kind", "name", "doc", "param", "type", "default", "param_doc", "class", "origin", "error"));
        for (Registry<? extends Provider> r : root.plugins().all()) rows(w, r);
        w.close();
        return Nn.OK;
    }

    /** A kind's providers, each with its parameters and, when not built in, its jar; then those that failed to load. */
    private static <P extends Provider> void text(PrintWriter out, Registry<P> r) {
        out.println(r.kinds() + ":");
        for (P p : sorted(r)) {
            String origin = r.origin(p);
            out.printf("  %-22s %s%s%n", p.name(), p.doc(), origin.equals(PluginJars.BUILT_IN) ? "" : "  [" + origin + ", " + p.getClass().getName() + "]");
            for (Param q : p.params()) {
                out.printf("  %-22s   %s: %s = %s  %s%n", "", q.name(), q.type().name().toLowerCase(), q.value() == null ? "(required)" : q.value(), q.doc());
            }
        }
        for (Registry.Broken b : r.broken()) out.printf("  %-22s NOT LOADED: %s%n", "?", b);
        out.println();
    }

    /** One row per parameter (one for a provider without any), and one per provider that failed to load. */
    private static <P extends Provider> void rows(RowWriter w, Registry<P> r) {
        for (P p : sorted(r)) {
            if (p.params().isEmpty()) w.row(r.kind(), p.name(), p.doc(), null, null, null, null, p.getClass().getName(), r.origin(p), null);
            for (Param q : p.params()) {
                w.row(r.kind(), p.name(), p.doc(), q.name(), q.type().name().toLowerCase(), q.value(), q.doc(), p.getClass().getName(), r.origin(p), null);
            }
        }
        for (Registry.Broken b : r.broken()) w.row(r.kind(), null, null, null, null, null, null, b.className(), b.origin(), b.reason());
    }

    /** The rows of every check of the providers named {@link #check}, aligned text or --format; exit 1 when any fails. */
    private int check(PrintWriter out) {
        List<Check> rows = ProviderChecks.run(root.plugins(), check, new Tolerance(eps, atol, rtol), seed);
        List<String> cols = List.of("kind", "name", "check", "param", "analytic", "numeric", "abs_err", "rel_err", "ok");
        List<Object[]> values = rows.stream().map(c -> new Object[] {c.kind(), c.name(), c.check(), c.param(), c.analytic(), c.numeric(),
                c.absErr(), c.relErr(), c.ok()}).toList();
        if (format == null) {
            aligned(out, cols, values);
        } else {
            RowWriter w = new RowWriter(format, out, cols);
            for (Object[] v : values) w.row(v);
            w.close();
        }
        List<Check> failed = rows.stream().filter(c -> !c.ok()).toList();
        if (failed.isEmpty()) return Nn.OK;
        Check first = failed.get(0);
        String detail = first.analytic() == null ? "" : ": analytic " + Num.format(first.analytic())
                + (first.numeric() == null ? "" : ", numeric " + Num.format(first.numeric()));
        spec.commandLine().getErr().println("nn: plugins --check " + check + ": " + failed.size() + " of " + rows.size() + " checks failed (first: "
                + first.where() + detail + "; atol " + atol + ", rtol " + rtol + ", eps " + eps + ")");
        spec.commandLine().getErr().flush();
        return Nn.FAILED;
    }

    /** Rows as text in columns: a header, then each value padded to its column's width, numbers right-aligned. */
    private static void aligned(PrintWriter out, List<String> cols, List<Object[]> rows) {
        int[] width = new int[cols.size()];
        boolean[] numeric = new boolean[cols.size()];
        for (int j = 0; j < width.length; j++) width[j] = cols.get(j).length();
        for (Object[] r : rows) {
            for (int j = 0; j < r.length; j++) {
                width[j] = Math.max(width[j], text(r[j]).length());
                if (r[j] instanceof Double) numeric[j] = true;
            }
        }
        List<Object[]> all = new java.util.ArrayList<>();
        all.add(cols.toArray());
        all.addAll(rows);
        for (Object[] r : all) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < r.length; j++) {
                String v = text(r[j]), pad = " ".repeat(width[j] - v.length());
                if (j > 0) sb.append("  ");
                sb.append(numeric[j] ? pad + v : j == r.length - 1 ? v : v + pad);
            }
            out.println(sb);
        }
        out.flush();
    }

    private static String text(Object v) {
        return v == null ? "" : v instanceof Double d ? Num.format(d) : v.toString();
    }

    private static <P extends Provider> List<P> sorted(Registry<P> r) {
        return r.every().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }
}
