package nn.core.formula;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nn.core.BadInputException;
import nn.core.explain.Explain;
import nn.core.explain.Factor;
import nn.core.explain.ParamRef;
import nn.core.explain.Paths;
import nn.core.explain.Trace;
import nn.core.train.Network;

/**
 * A learner's formula for a gradient, compared with the chain rule term by term, as a tutor reads it: expanded
 * into a sum of products; each derivative d(…) or f'(…) taken for the unit whose pre-activation its argument equals
 * (s'(z_h2a)), each activation f(…) for that unit's output; each product matched to the path it shares most
 * factors with; then, path by path, the factors the product lacks, the ones it has in excess, and an activation
 * written where its derivative belongs. Numbers written for a weight or an input count as that factor.
 */
public record Diagnosis(double value, double truth, List<PathReport> paths, List<String> strays) {
    /** One path of the chain rule: its units (h1>h2a>O), the learner's product for it (null: none), and what differs. */
    public record PathReport(String path, String term, List<String> missing, List<String> extra, List<String> swapped) {
        public boolean right() {
            return term != null && missing.isEmpty() && extra.isEmpty() && swapped.isEmpty();
        }
    }

    /** One factor: its key (D/A layer:unit, W/B name, X input, N number, ? other), how it is shown, its value. */
    private record Item(String key, String shown, double value) {}

    /** The key of a product's sign: a product of the chain rule is added, never subtracted. */
    private static final String MINUS = "-";

    /** Diagnoses formula e of ex's gradient (path form, one sample) on net, whose input is x. */
    public static Diagnosis of(Explain ex, Network net, double[] x, Expr e) {
        if (!ex.byPaths()) throw new BadInputException("--expect FORMULA: cannot compare in delta form (" + ex.why() + ")");
        if (ex.rows() != 1) throw new BadInputException("--expect FORMULA: compares one sample's paths: add --sample K (or --of output)");
        List<Trace.Step> steps = ex.steps().get(0);
        List<ParamRef> refs = ParamRef.all(net);
        Scope scope = new Scope(net, x, z -> {
            int[] mu = unit(steps, z, java.util.Set.of(), refs);
            return mu == null ? null : steps.get(mu[0]).activation();
        });
        double value = scope.eval(e);
        List<List<Item>> terms = new ArrayList<>();
        for (Terms.Term t : Terms.expand(e)) {
            List<Item> items = items(t, scope, steps, ex, net);
            if (t.sign() < 0) items.add(0, new Item(MINUS, "a minus sign", -1));
            terms.add(items);
        }
        List<List<Item>> paths = new ArrayList<>();
        for (Paths.Path p : ex.paths()) paths.add(items(p));
        // greedy matching: the pair sharing most factors first
        record Pair(int term, int path, int score) {}
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < terms.size(); t++) for (int p = 0; p < paths.size(); p++) pairs.add(new Pair(t, p, common(terms.get(t), paths.get(p))));
        pairs.sort(Comparator.comparingInt(Pair::score).reversed().thenComparingInt(Pair::path).thenComparingInt(Pair::term));
        int[] termOf = new int[paths.size()];
        java.util.Arrays.fill(termOf, -1);
        boolean[] used = new boolean[terms.size()];
        for (Pair p : pairs) {
            if (p.score() == 0 || used[p.term()] || termOf[p.path()] >= 0) continue;
            used[p.term()] = true;
            termOf[p.path()] = p.term();
        }
        List<PathReport> reports = new ArrayList<>();
        for (int p = 0; p < paths.size(); p++) {
            String key = ex.paths().get(p).key();
            if (termOf[p] < 0) {
                reports.add(new PathReport(key, null, shown(paths.get(p)), List.of(), List.of()));
                continue;
            }
            reports.add(compare(key, terms.get(termOf[p]), paths.get(p)));
        }
        List<String> strays = new ArrayList<>();
        for (int t = 0; t < terms.size(); t++) if (!used[t]) strays.add(product(terms.get(t)));
        return new Diagnosis(value, ex.total(), reports, strays);
    }

    private static PathReport compare(String key, List<Item> term, List<Item> path) {
        List<Item> missing = new ArrayList<>(path), extra = new ArrayList<>();
        for (Item i : term) {
            Item m = find(missing, i.key());
            if (m != null) missing.remove(m);
            else extra.add(i);
        }
        // a unit named by value alone may be its twin of equal pre-activation (a symmetric network): the same factor
        for (Item i : new ArrayList<>(extra)) {
            if (!i.key().startsWith("D") && !i.key().startsWith("A")) continue;
            String layer = i.key().substring(0, i.key().indexOf(':') + 1);
            for (Item m : missing) {
                if (m.key().startsWith(layer) && close(m.value(), i.value())) {
                    extra.remove(i);
                    missing.remove(m);
                    break;
                }
            }
        }
        List<String> swapped = new ArrayList<>();
        for (Item i : new ArrayList<>(extra)) {
            if (i.key().equals(MINUS)) {
                swapped.add("subtracted where the chain rule adds it");
                extra.remove(i);
            } else if (i.key().startsWith("A")) {
                Item d = find(missing, "D" + i.key().substring(1));
                if (d != null) {
                    swapped.add(i.shown() + " in place of " + d.shown());
                    extra.remove(i);
                    missing.remove(d);
                }
            } else if (i.key().equals("N")) {
                Item m = null;
                for (Item c : missing) if (close(c.value(), i.value())) m = c;
                if (m != null) {
                    extra.remove(i);
                    missing.remove(m);
                }
            }
        }
        return new PathReport(key, product(term), shown(missing), shown(extra), swapped);
    }

    private static Item find(List<Item> items, String key) {
        for (Item i : items) if (i.key().equals(key)) return i;
        return null;
    }

    private static int common(List<Item> term, List<Item> path) {
        List<Item> left = new ArrayList<>(path);
        int n = 0;
        for (Item i : term) {
            Item m = find(left, i.key());
            if (m == null && i.key().startsWith("A")) m = find(left, "D" + i.key().substring(1));
            if (m != null) {
                left.remove(m);
                n++;
            }
        }
        return n;
    }

    /** The factors of a chain-rule path, keyed as the learner's are. */
    private static List<Item> items(Paths.Path p) {
        List<Item> out = new ArrayList<>();
        for (Factor f : p.factors()) {
            String key = switch (f.kind()) {
                case DERIV -> "D" + f.layer() + ":" + f.unit();
                case WEIGHT -> "W" + f.text().toLowerCase(java.util.Locale.ROOT);
                case INPUT -> f.layer() == 0 ? "X" + f.unit() : "A" + (f.layer() - 1) + ":" + f.unit();
                case SEED -> "S" + f.unit();
            };
            out.add(new Item(key, f.text(), f.value()));
        }
        return out;
    }

    /** The factors of one of the learner's products, each named for what it is in the network. */
    private static List<Item> items(Terms.Term t, Scope scope, List<Trace.Step> steps, Explain ex, Network net) {
        List<Item> out = new ArrayList<>();
        List<ParamRef> refs = ParamRef.all(net);
        for (Expr f : t.factors()) {
            String text = Printer.print(f, Printer.Style.plain);
            double v = scope.eval(f);
            if (constant(f)) {
                out.add(new Item("N", text, v));
            } else if (f instanceof Expr.Name n) {
                ParamRef r = ParamRef.find(refs, n.name());
                if (r != null) out.add(new Item((r.bias() ? "B" : "W") + r.name().toLowerCase(java.util.Locale.ROOT), r.name(), v));
                else out.add(new Item("X" + input(n.name(), net.nin()), n.name(), v));
            } else if (f instanceof Expr.Call c && !List.of("exp", "log", "ln", "abs").contains(c.fn())) {
                double z = scope.eval(c.arg());
                java.util.Set<String> named = new java.util.HashSet<>();
                for (String n : Expr.names(c.arg())) named.add(n.toLowerCase(java.util.Locale.ROOT));
                int[] mu = unit(steps, z, named, refs);
                boolean derivative = c.derivative() || c.fn().equals("d");
                if (mu == null) {
                    out.add(new Item("?" + text, text + " (its argument, " + z + ", is the pre-activation of no unit)", v));
                } else {
                    String name = ex.units().unit(mu[0], mu[1]), sym = nn.core.explain.Units.symbol(steps.get(mu[0]).activation());
                    out.add(new Item((derivative ? "D" : "A") + mu[0] + ":" + mu[1], sym + (derivative ? "'" : "") + "(z_" + name + ")", v));
                }
            } else {
                out.add(new Item("?" + text, text, v));
            }
        }
        return out;
    }

    /** Whether e is made of numbers alone. */
    private static boolean constant(Expr e) {
        if (e instanceof Expr.Num) return true;
        if (e instanceof Expr.Neg n) return constant(n.e());
        if (e instanceof Expr.Bin b) return constant(b.a()) && constant(b.b());
        return false;
    }

    private static int input(String name, int nin) {
        for (int i = 0; i < nin; i++) if (nn.core.explain.Units.input(i, nin).equalsIgnoreCase(name)) return i;
        return -1;
    }

    /**
     * The dense unit whose pre-activation is z; when several are (a symmetric network), the one whose own weights and
     * bias the argument names most (s(I*w1+1)*w3+1 is h2b's, w3 leading into it); null for none.
     */
    private static int[] unit(List<Trace.Step> steps, double z, java.util.Set<String> names, List<ParamRef> refs) {
        int[] best = null;
        int most = -1;
        for (int m = 0; m < steps.size(); m++) {
            Trace.Step s = steps.get(m);
            if (!s.dense()) continue;
            for (int u = 0; u < s.nout(); u++) {
                if (!close(s.z()[u], z)) continue;
                int own = 0;
                for (ParamRef r : refs) if (r.layer() == m && r.unit() == u && names.contains(r.name().toLowerCase(java.util.Locale.ROOT))) own++;
                if (own > most) {
                    most = own;
                    best = new int[] {m, u};
                }
            }
        }
        return best;
    }



    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    private static List<String> shown(List<Item> items) {
        return items.stream().map(Item::shown).toList();
    }

    private static String product(List<Item> items) {
        List<Item> factors = items.stream().filter(i -> !i.key().equals(MINUS)).toList();
        String p = factors.isEmpty() ? "1" : String.join(" · ", shown(factors));
        return factors.size() < items.size() ? "−" + p : p;
    }
}
