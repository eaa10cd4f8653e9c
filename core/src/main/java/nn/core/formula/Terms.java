package nn.core.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * An expression multiplied out into a sum of products, the form a chain-rule gradient takes (a sum over paths of
 * products of factors): products distribute over sums, a difference adds a product with sign −1, a power with a
 * whole exponent from 0 to 8 repeats its base. What does not multiply out (a quotient by a sum, a function of
 * anything) stays one factor. Numbers stay factors of their own (a learner may write a weight's value for it);
 * 1 is left out.
 */
final class Terms {
    /** sign · Π factors. */
    record Term(int sign, List<Expr> factors) {}

    private Terms() {}

    static List<Term> expand(Expr e) {
        if (e instanceof Expr.Num n) {
            if (n.value() == 1) return List.of(new Term(1, List.of()));
            if (n.value() == -1) return List.of(new Term(-1, List.of()));
            return List.of(new Term(1, List.of(e)));
        }
        if (e instanceof Expr.Neg n) {
            List<Term> out = new ArrayList<>();
            for (Term t : expand(n.e())) out.add(new Term(-t.sign(), t.factors()));
            return out;
        }
        if (e instanceof Expr.Bin b) {
            switch (b.op()) {
                case '+':
                case '-': {
                    List<Term> out = new ArrayList<>(expand(b.a()));
                    for (Term t : expand(b.b())) out.add(b.op() == '+' ? t : new Term(-t.sign(), t.factors()));
                    return out;
                }
                case '*':
                    return times(expand(b.a()), expand(b.b()));
                case '^':
                    if (b.b() instanceof Expr.Num p && p.value() == Math.rint(p.value()) && p.value() >= 0 && p.value() <= 8) {
                        List<Term> out = List.of(new Term(1, List.of()));
                        for (int k = 0; k < (int) p.value(); k++) out = times(out, expand(b.a()));
                        return out;
                    }
                    return List.of(new Term(1, List.of(e)));
                default: // '/': by a number or a single factor it is one more factor; else the quotient stays whole
                    List<Term> num = expand(b.a());
                    List<Term> out = new ArrayList<>();
                    for (Term t : num) {
                        List<Expr> f = new ArrayList<>(t.factors());
                        f.add(new Expr.Bin('/', new Expr.Num(1, 0), b.b(), b.at()));
                        out.add(new Term(t.sign(), f));
                    }
                    return out;
            }
        }
        return List.of(new Term(1, List.of(e)));
    }

    private static List<Term> times(List<Term> a, List<Term> b) {
        List<Term> out = new ArrayList<>();
        for (Term x : a) {
            for (Term y : b) {
                List<Expr> f = new ArrayList<>(x.factors());
                f.addAll(y.factors());
                out.add(new Term(x.sign() * y.sign(), f));
            }
        }
        return out;
    }
}
