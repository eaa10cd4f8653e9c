package nn.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import nn.core.spi.Param;
import nn.core.spi.Provider;
import nn.core.train.PluginJars;
import nn.core.train.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nn plugins: every provider by kind, with its parameters and docs. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List every layer, activation, loss, optimizer and initializer with its parameters and where it came from (built-in or a jar).")
final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    Nn root;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", description = "text (default), tsv, csv, jsonl or json: one row per parameter.")
    RowWriter.Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
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

    private static <P extends Provider> List<P> sorted(Registry<P> r) {
        return r.every().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }
}
