package nn.core.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import nn.core.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ExprParser}: the usual precedence (+ − below * / below unary minus below ^), left-associative + − * /,
 * right-associative ^ (also written **), calls f(x) and f'(x), numbers with exponents; mistakes at their column. And
 * {@link Printer}'s plain text reads back as the expression printed.
 */
class ExprParserTest {
    /** e fully parenthesised: (a op b), -(a), f(x), f'(x); numbers as Java prints them. */
    static String shape(Expr e) {
        if (e instanceof Expr.Num n) return Double.toString(n.value());
        if (e instanceof Expr.Name n) return n.name();
        if (e instanceof Expr.Neg n) return "-(" + shape(n.e()) + ")";
        if (e instanceof Expr.Call c) return c.fn() + (c.derivative() ? "'" : "") + "[" + shape(c.arg()) + "]";
        Expr.Bin b = (Expr.Bin) e;
        return "(" + shape(b.a()) + " " + b.op() + " " + shape(b.b()) + ")";
    }

    @ParameterizedTest(name = "{0}  =>  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1-2-3          | ((1.0 - 2.0) - 3.0)",
        "2^3^2          | (2.0 ^ (3.0 ^ 2.0))",
        "2**3**2        | (2.0 ^ (3.0 ^ 2.0))",
        "-2^2           | -((2.0 ^ 2.0))",
        "-2**2          | -((2.0 ^ 2.0))",
        "(-2)^2         | (-(2.0) ^ 2.0)",
        "2^-1           | (2.0 ^ -(1.0))",
        "a/b/c          | ((a / b) / c)",
        "a/b*c          | ((a / b) * c)",
        "a-b+c          | ((a - b) + c)",
        "a+b*c^2        | (a + (b * (c ^ 2.0)))",
        "a*-b           | (a * -(b))",
        "--a            | -(-(a))",
        "+a             | a",
        "a · b          | (a * b)",
        "  w1 *I +  b1  | ((w1 * I) + b1)",
        "s(x)           | s[x]",
        "s'(x)          | s'[x]",
        "tanh' (x)      | tanh'[x]",
        "d(I*w1+b1)     | d[((I * w1) + b1)]",
        "d(s(z))*w2     | (d[s[z]] * w2)",
        "exp(-x)/(1+exp(-x)) | (exp[-(x)] / (1.0 + exp[-(x)]))",
        "1e-5           | 1.0E-5",
        "2.5E+3         | 2500.0",
        "3e2*x          | (300.0 * x)",
        ".5             | 0.5",
        "1.0E-5*w_2     | (1.0E-5 * w_2)",
    })
    void readsWithPrecedenceAndAssociativity(String text, String expected) {
        assertEquals(expected, shape(ExprParser.parse(text)));
    }

    @Test
    void nodesKeepTheColumnWhereTheyWereWritten() {
        Expr.Bin sum = (Expr.Bin) ExprParser.parse("w1 + s'(x)");
        assertEquals(1, sum.a().at());
        Expr.Call call = (Expr.Call) sum.b();
        assertEquals(6, call.at());
        assertEquals(9, call.arg().at());
    }

    @ParameterizedTest(name = "''{0}'' at column {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "(1+2       | 5 | where ')' should close the '(' at column 1",
        "s(x        | 4 | where ')' should close the '(' at column 2",
        "(1+2 3)    | 6 | found '3' where ')' should close",
        "1+2)       | 4 | ')' closes no '('",
        "\"\"       | 1 | empty",
        "\"   \"    | 1 | empty",
        "x +        | 4 | the expression ends",
        "2 3        | 3 | expected an operator",
        "s'x        | 3 | s' needs its argument in parentheses",
        "1e         | 2 | expected an operator",
        "1.2.3      | 1 | '1.2.3' is not a number",
        "a*)        | 3 | found ')'",
        "2^         | 3 | the expression ends",
    })
    void mistakesAreReportedAtTheirColumn(String text, int column, String message) {
        ExprParser.ExprException e = assertThrows(ExprParser.ExprException.class, () -> ExprParser.parse(text));
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    /** A random expression of at most depth levels: numbers ≥ 0, names, −, + − * / ^, calls. */
    private static Expr random(Rng rng, int depth) {
        int kind = depth == 0 ? rng.nextInt(2) : rng.nextInt(5);
        return switch (kind) {
            case 0 -> new Expr.Num(List.of(0.5, 1.0, 2.0, 3.0, 1e-5, 0.1, 12.25).get(rng.nextInt(7)), 0);
            case 1 -> new Expr.Name(List.of("w1", "b2", "I", "I2", "x").get(rng.nextInt(5)), 0);
            case 2 -> new Expr.Neg(random(rng, depth - 1), 0);
            case 3 -> new Expr.Call(List.of("s", "tanh", "d", "exp", "relu").get(rng.nextInt(5)), rng.nextInt(3) == 0, random(rng, depth - 1), 0);
            default -> new Expr.Bin("+-*/^".charAt(rng.nextInt(5)), random(rng, depth - 1), random(rng, depth - 1), 0);
        };
    }

    /**
     * The shape up to the regrouping printing may do: chains of + and − as their signed terms in order, chains of *
     * and / as their factors with exponent ±1 in order (a + (b − c) prints as a + b − c, read back as (a + b) − c).
     */
    static String regrouped(Expr e) {
        if (e instanceof Expr.Bin b && (b.op() == '+' || b.op() == '-')) {
            List<String> terms = new ArrayList<>();
            chain(e, "+", "+-", terms);
            return "sum" + terms;
        }
        if (e instanceof Expr.Bin b && (b.op() == '*' || b.op() == '/')) {
            List<String> factors = new ArrayList<>();
            chain(e, "*", "*/", factors);
            return "product" + factors;
        }
        if (e instanceof Expr.Neg n) return "-(" + regrouped(n.e()) + ")";
        if (e instanceof Expr.Call c) return c.fn() + (c.derivative() ? "'" : "") + "[" + regrouped(c.arg()) + "]";
        if (e instanceof Expr.Bin b) return "(" + regrouped(b.a()) + " ^ " + regrouped(b.b()) + ")";
        return shape(e);
    }

    /** The operands of a chain of ops (same, inverse) under e, each with its sign. out modified. */
    private static void chain(Expr e, String sign, String ops, List<String> out) {
        if (e instanceof Expr.Bin b && ops.indexOf(b.op()) >= 0) {
            chain(b.a(), sign, ops, out);
            String same = ops.substring(0, 1), inverse = ops.substring(1);
            String flipped = sign.equals(same) ? inverse : same;
            chain(b.b(), b.op() == inverse.charAt(0) ? flipped : sign, ops, out);
            return;
        }
        out.add(sign + regrouped(e));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void plainPrintingReadsBackAsTheSameExpression(long seed) {
        Expr e = random(new Rng(seed), 5);
        String text = Printer.print(e, Printer.Style.plain);
        assertEquals(regrouped(e), regrouped(ExprParser.parse(text)), text);
    }

    @Test
    void regroupingKeepsWhatDiffers() {
        // the comparison above is not blind: a − (b − c) is not a − b − c, nor a/(b/c) a/b/c, nor (a^b)^c a^b^c
        assertTrue(!regrouped(ExprParser.parse("a-(b-c)")).equals(regrouped(ExprParser.parse("a-b-c"))));
        assertTrue(!regrouped(ExprParser.parse("a/(b/c)")).equals(regrouped(ExprParser.parse("a/b/c"))));
        assertTrue(!regrouped(ExprParser.parse("(a^b)^c")).equals(regrouped(ExprParser.parse("a^b^c"))));
        assertEquals(regrouped(ExprParser.parse("a+(b-c)")), regrouped(ExprParser.parse("a+b-c")));
        assertEquals(regrouped(ExprParser.parse("a*(b/c)")), regrouped(ExprParser.parse("a*b/c")));
    }
}
