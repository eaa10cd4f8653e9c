package nn.core.formula;

/**
 * Reads an {@link Expr} from text: sums and differences of products and quotients of powers ({@code ^} or
 * {@code **}) of signed atoms; an atom is a number, a name, a call {@code f(x)} or {@code f'(x)}, or a
 * parenthesised expression. Spaces anywhere. A mistake is an {@link ExprException} at its column.
 */
public final class ExprParser {
    /** A mistake in an expression, at column (1-based). */
    public static final class ExprException extends RuntimeException {
        private final int column;

        ExprException(int column, String message) {
            super(message);
            this.column = column;
        }

        public int column() {
            return column;
        }
    }

    private final String s;
    private int i;

    private ExprParser(String s) {
        this.s = s;
    }

    public static Expr parse(String text) {
        ExprParser p = new ExprParser(text);
        p.space();
        if (p.i == text.length()) throw new ExprException(1, "empty: expected an expression such as d(z)*w*I");
        Expr e = p.sum();
        p.space();
        if (p.i < text.length()) {
            char c = text.charAt(p.i);
            throw new ExprException(p.i + 1, c == ')' ? "')' closes no '('" : "expected an operator (+ - * / ^) or the end, found '" + c + "'");
        }
        return e;
    }

    private Expr sum() {
        Expr e = product();
        for (space(); i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-'); space()) {
            char op = s.charAt(i);
            int at = ++i;
            e = new Expr.Bin(op, e, product(), at);
        }
        return e;
    }

    private Expr product() {
        Expr e = unary();
        for (space(); i < s.length() && (s.charAt(i) == '*' && !s.startsWith("**", i) || s.charAt(i) == '/' || s.charAt(i) == '·'); space()) {
            char op = s.charAt(i) == '/' ? '/' : '*';
            int at = ++i;
            e = new Expr.Bin(op, e, unary(), at);
        }
        return e;
    }

    private Expr unary() {
        space();
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            char c = s.charAt(i);
            int at = ++i;
            Expr e = unary();
            return c == '-' ? new Expr.Neg(e, at) : e;
        }
        return power();
    }

    private Expr power() {
        Expr base = atom();
        space();
        if (i < s.length() && (s.charAt(i) == '^' || s.startsWith("**", i))) {
            int at = i + 1;
            i += s.charAt(i) == '^' ? 1 : 2;
            return new Expr.Bin('^', base, unary(), at);
        }
        return base;
    }

    private Expr atom() {
        space();
        if (i == s.length()) throw new ExprException(i + 1, "the expression ends where a number, a name or '(' should be");
        char c = s.charAt(i);
        int at = i + 1;
        if (c == '(') {
            i++;
            Expr e = sum();
            close(at);
            return e;
        }
        if (Character.isDigit(c) || c == '.') return number();
        if (Character.isLetter(c) || c == '_') {
            int from = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
            String name = s.substring(from, i);
            boolean prime = i < s.length() && s.charAt(i) == '\'';
            if (prime) i++;
            space();
            if (i < s.length() && s.charAt(i) == '(') {
                int open = i + 1;
                i++;
                Expr arg = sum();
                close(open);
                return new Expr.Call(name, prime, arg, at);
            }
            if (prime) throw new ExprException(i + 1, name + "' needs its argument in parentheses: " + name + "'(z)");
            return new Expr.Name(name, at);
        }
        throw new ExprException(at, "expected a number, a name or '(', found '" + c + "'");
    }

    private Expr number() {
        int from = i;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int mark = i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            if (i < s.length() && Character.isDigit(s.charAt(i))) {
                while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            } else {
                i = mark;
            }
        }
        String text = s.substring(from, i);
        try {
            return new Expr.Num(Double.parseDouble(text), from + 1);
        } catch (NumberFormatException e) {
            throw new ExprException(from + 1, "'" + text + "' is not a number");
        }
    }

    private void close(int open) {
        space();
        if (i < s.length() && s.charAt(i) == ')') {
            i++;
            return;
        }
        throw new ExprException(i + 1, (i == s.length() ? "the expression ends" : "found '" + s.charAt(i) + "'") + " where ')' should close the '(' at column " + open);
    }

    private void space() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }
}
