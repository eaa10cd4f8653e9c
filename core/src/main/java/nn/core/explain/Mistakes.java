package nn.core.explain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import nn.core.explain.Factor.Kind;

/**
 * Which usual chain-rule mistakes turn the true path sum into a value found by hand: a weight or activation
 * derivative left out (one, or the same kind on every path: one layer's, or all of them), f(z) written for f'(z),
 * a path forgotten, the input factor or dL/dO dropped, the sign flipped, alone and in combinations of up to three
 * of the consistent ones (or one path-local mistake with one consistent one). Combinations that give the same
 * expression as a simpler one are reported once, as the simpler one; a combination in which one mistake leaves the
 * value unchanged (a factor 1 left out) is not reported.
 */
public final class Mistakes {
    /** A signed sum of path products. */
    public record Expr(int sign, List<Paths.Path> paths) {
        public double value() {
            double v = 0;
            for (Paths.Path p : paths) v += p.value();
            return sign * v;
        }

        String key() {
            return sign + paths.stream().map(p -> p.row() + ":" + p.factors().stream().map(Factor::text)
                    .collect(Collectors.joining("·"))).collect(Collectors.joining("+"));
        }
    }

    /** A mistake that reproduces the value: what was done wrong, in words, and the mistaken expression. */
    public record Match(List<String> what, Expr mistaken, double value) {
        public String description() {
            return String.join("; ", what);
        }
    }

    /** The verdict on a value: right, or the mistakes that reproduce it (empty when none does). */
    public record Diagnosis(double expected, double correct, boolean right, List<Match> matches) {}

    private record Applied(Expr expr, String what) {}

    private interface Atom {
        /** The expression with this mistake made, or null when the mistake has nothing to act on here. */
        Applied apply(Expr e);
    }

    private Mistakes() {}

    /** The diagnosis of value against the explanation's paths (path form only), to relative tolerance tol. */
    public static Diagnosis diagnose(Explain ex, double value, double tol) {
        if (!ex.byPaths()) throw new IllegalArgumentException("mistakes are searched in path form only");
        Expr correct = new Expr(1, ex.paths());
        if (close(correct.value(), value, tol)) return new Diagnosis(value, correct.value(), true, List.of());
        List<Atom> global = new ArrayList<>(), local = new ArrayList<>();
        int last = ex.units().layers() - 1, layer = ex.ref().layer();
        global.add(drop(f -> f.kind() == Kind.WEIGHT, "weight"));
        for (int m = last; m > layer; m--) {
            int mm = m;
            global.add(drop(f -> f.kind() == Kind.WEIGHT && f.layer() == mm, "weight"));
        }
        global.add(drop(f -> f.kind() == Kind.DERIV, "activation-derivative"));
        global.add(swap(f -> true));
        for (int m = last; m >= layer; m--) {
            int mm = m;
            global.add(drop(f -> f.kind() == Kind.DERIV && f.layer() == mm, "activation-derivative"));
            global.add(swap(f -> f.layer() == mm));
        }
        global.add(drop(f -> f.kind() == Kind.INPUT, "input"));
        global.add(drop(f -> f.kind() == Kind.SEED, "loss-derivative"));
        global.add(e -> new Applied(new Expr(-e.sign(), e.paths()), "with the sign flipped"));
        Set<String> names = new LinkedHashSet<>(), keys = new LinkedHashSet<>();
        for (Paths.Path p : ex.paths()) {
            keys.add(p.key());
            for (Factor f : p.factors()) if (f.kind() == Kind.WEIGHT || f.kind() == Kind.DERIV) names.add(f.text());
        }
        for (String n : names) {
            local.add(drop(f -> f.text().equals(n), "single"));
            local.add(swap(f -> f.text().equals(n)));
        }
        if (keys.size() > 1) for (String k : keys) local.add(forget(k));

        List<List<Atom>> combos = new ArrayList<>();
        int g = global.size();
        for (int i = 0; i < g; i++) combos.add(List.of(global.get(i)));
        for (Atom a : local) combos.add(List.of(a));
        for (int i = 0; i < g; i++) for (int j = i + 1; j < g; j++) combos.add(List.of(global.get(i), global.get(j)));
        for (Atom a : local) for (Atom b : global) combos.add(List.of(a, b));
        for (int i = 0; i < g; i++) for (int j = i + 1; j < g; j++) for (int l = j + 1; l < g; l++) {
            combos.add(List.of(global.get(i), global.get(j), global.get(l)));
        }
        Set<String> seen = new HashSet<>();
        seen.add(correct.key());
        List<Match> out = new ArrayList<>();
        for (List<Atom> combo : combos) {
            Expr e = correct;
            List<String> what = new ArrayList<>();
            for (Atom a : combo) {
                Applied ap = a.apply(e);
                if (ap == null || ap.expr().value() == e.value()) {
                    e = null;
                    break;
                }
                e = ap.expr();
                what.add(ap.what());
            }
            if (e == null || !seen.add(e.key())) continue;
            if (close(e.value(), value, tol)) out.add(new Match(List.copyOf(what), e, e.value()));
        }
        return new Diagnosis(value, correct.value(), false, List.copyOf(out));
    }

    /** |a − b| ≤ tol·max(|a|, |b|). */
    public static boolean close(double a, double b, double tol) {
        return Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));
    }

    /** Leaves out every factor that matches, on every path; says which, path by path. */
    private static Atom drop(Predicate<Factor> which, String kind) {
        return e -> {
            List<Paths.Path> ps = new ArrayList<>();
            Set<String> removed = new LinkedHashSet<>();
            for (Paths.Path p : e.paths()) {
                List<Factor> keep = new ArrayList<>(), gone = new ArrayList<>();
                for (Factor f : p.factors()) (which.test(f) ? gone : keep).add(f);
                if (!gone.isEmpty()) removed.add(gone.stream().map(Factor::text).collect(Collectors.joining("·")));
                ps.add(new Paths.Path(p.row(), p.key(), List.copyOf(keep)));
            }
            if (removed.isEmpty()) return null;
            boolean one = removed.size() == 1 && !removed.iterator().next().contains("·");
            String label = kind.equals("single") ? "the factor" : "the " + kind + (one ? " factor" : " factors");
            return new Applied(new Expr(e.sign(), ps), "without " + label + " " + String.join(" and ", removed));
        };
    }

    /** Writes f(z) for every activation derivative f'(z) that matches. */
    private static Atom swap(Predicate<Factor> which) {
        return e -> {
            List<Paths.Path> ps = new ArrayList<>();
            Set<String> swapped = new LinkedHashSet<>();
            for (Paths.Path p : e.paths()) {
                List<Factor> fs = new ArrayList<>();
                for (Factor f : p.factors()) {
                    if (f.kind() == Kind.DERIV && f.fText() != null && !f.text().equals(f.fText()) && which.test(f)) {
                        swapped.add(f.fText() + " where " + f.text() + " belongs");
                        fs.add(f.asFunction());
                    } else {
                        fs.add(f);
                    }
                }
                ps.add(new Paths.Path(p.row(), p.key(), List.copyOf(fs)));
            }
            if (swapped.isEmpty()) return null;
            return new Applied(new Expr(e.sign(), ps), "with " + String.join(", ", swapped));
        };
    }

    /** Forgets the path with the given key (in every sample). */
    private static Atom forget(String key) {
        return e -> {
            List<Paths.Path> ps = e.paths().stream().filter(p -> !p.key().equals(key)).toList();
            if (ps.size() == e.paths().size()) return null;
            Paths.Path gone = e.paths().stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
            String ws = gone.factors().stream().filter(f -> f.kind() == Kind.WEIGHT).map(Factor::text).collect(Collectors.joining("·"));
            return new Applied(new Expr(e.sign(), ps), "forgetting the path " + key + (ws.isEmpty() ? "" : " (" + ws + ")"));
        };
    }
}
