package nn.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import nn.core.spi.Param;
import nn.core.spi.Provider;
import nn.core.train.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nn plugins: every provider by kind, with its parameters and docs. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List every layer, activation, loss, optimizer and initializer with its parameters.")
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
            for (Registry<? extends Provider> r : root.plugins().all()) {
                out.println(r.kinds() + ":");
                for (Provider p : sorted(r)) {
                    out.printf("  %-22s %s%n", p.name(), p.doc());
                    for (Param q : p.params()) {
                        out.printf("  %-22s   %s: %s = %s  %s%n", "", q.name(), q.type().name().toLowerCase(), q.value() == null ? "(required)" : q.value(), q.doc());
                    }
                }
                out.println();
            }
            out.flush();
            return Nn.OK;
        }
        RowWriter w = new RowWriter(format, out, List.of("kind", "name", "doc", "param", "type", "default", "param_doc", "class"));
        for (Registry<? extends Provider> r : root.plugins().all()) {
            for (Provider p : sorted(r)) {
                if (p.params().isEmpty()) w.row(r.kind(), p.name(), p.doc(), null, null, null, null, p.getClass().getName());
                for (Param q : p.params()) {
                    w.row(r.kind(), p.name(), p.doc(), q.name(), q.type().name().toLowerCase(), q.value(), q.doc(), p.getClass().getName());
                }
            }
        }
        w.close();
        return Nn.OK;
    }

    private static List<? extends Provider> sorted(Registry<? extends Provider> r) {
        return r.all().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }
}
