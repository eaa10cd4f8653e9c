package nn.core.check;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import nn.core.BadInputException;
import nn.core.Names;
import nn.core.spi.Provider;
import nn.core.train.Plugins;
import nn.core.train.Registry;

/**
 * {@code nn plugins --check NAME}: every check of every provider named NAME, of whatever kind (one name may be an
 * activation and a layer at once; each is checked), on small seeded random cases, so that a plugin author learns at
 * once whether a backward pass is right. What each kind's checks are: {@link ActivationChecks}, {@link LossChecks},
 * {@link LayerChecks}, {@link OptimizerChecks}, {@link InitializerChecks}.
 *
 * <p>Providers are checked with their declared defaults ({@link Defaults}). A provider that throws makes a failed row
 * saying what it threw, and the other checks still run.
 */
public final class ProviderChecks {
    private ProviderChecks() {}

    /**
     * The rows of every check of the providers named {@code name} (or whose class is {@code name}), in the order of
     * the kinds: layer, activation, loss, optimizer, initializer.
     *
     * @throws BadInputException when no provider of any kind has that name, with the closest known name
     */
    public static List<Check> run(Plugins plugins, String name, Tolerance tol, long seed) {
        List<Check> out = new ArrayList<>();
        for (Rows r : matches(plugins.layers, name, tol, seed, (rows, p, ref) -> LayerChecks.run(rows, plugins, p, ref))) out.addAll(r.list());
        for (Rows r : matches(plugins.activations, name, tol, seed, (rows, p, ref) -> ActivationChecks.run(rows, plugins, p, ref))) out.addAll(r.list());
        for (Rows r : matches(plugins.losses, name, tol, seed, (rows, p, ref) -> LossChecks.run(rows, plugins, p))) out.addAll(r.list());
        for (Rows r : matches(plugins.optimizers, name, tol, seed, (rows, p, ref) -> OptimizerChecks.run(rows, p))) out.addAll(r.list());
        for (Rows r : matches(plugins.initializers, name, tol, seed, (rows, p, ref) -> InitializerChecks.run(rows, p))) out.addAll(r.list());
        if (out.isEmpty()) throw new BadInputException("plugins --check: " + unknown(plugins, name));
        return out;
    }

    /** How one kind's checker is called: its rows, the provider, and the name a config uses for it. */
    private interface Checker<P extends Provider> {
        void check(Rows rows, P p, String ref);
    }

    /**
     * The checks of each provider of r named so. A name two providers share is checked for each, named by its class
     * (as a config names one of them).
     */
    private static <P extends Provider> List<Rows> matches(Registry<P> r, String name, Tolerance tol, long seed, Checker<P> checker) {
        List<Rows> out = new ArrayList<>();
        List<P> found = r.every().stream().filter(p -> p.name().equals(name) || p.getClass().getName().equals(name)).toList();
        for (P p : found) {
            String ref = r.ambiguity(p.name()) != null ? p.getClass().getName() : p.name();
            Rows rows = new Rows(r.kind(), ref, tol, seed);
            rows.run("create", () -> checker.check(rows, p, ref));
            out.add(rows);
        }
        return out;
    }

    private static String unknown(Plugins plugins, String name) {
        TreeSet<String> known = new TreeSet<>();
        List<Registry.Broken> broken = new ArrayList<>();
        for (Registry<? extends Provider> r : plugins.all()) {
            known.addAll(r.names());
            broken.addAll(r.broken());
        }
        String s = "unknown provider '" + name + "' " + Names.suggest(name, known);
        if (!broken.isEmpty()) s += "; not loaded: " + broken.get(0) + (broken.size() > 1 ? " (and " + (broken.size() - 1) + " more)" : "");
        return s;
    }
}
