package nn.core.data;

import java.nio.charset.StandardCharsets;

/**
 * Decimal text to a double, with exactly the bits {@link Double#parseDouble} gives. Plain decimals ({@code -12.5},
 * {@code .5}, {@code 5.}, {@code 0}) of at most 15 significant digits and 22 decimals are converted directly: the
 * digits m are then exactly a double, as is 10^k, so m / 10^k is one correctly rounded division (Clinger's fast path),
 * which is the value parseDouble rounds to. Anything else (exponents, more digits, hex, {@code NaN}) goes to
 * parseDouble itself.
 */
final class Decimal {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
            1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private Decimal() {}

    /** The finite number written in b[from, to) (trimmed, unquoted), or NaN when that text is not a finite number. */
    static double parse(byte[] b, int from, int to) {
        int i = from;
        boolean neg = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) neg = b[i++] == '-';
        long m = 0;
        int significant = 0, decimals = 0;
        boolean digits = false, dot = false;
        for (; i < to; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                digits = true;
                if (dot) decimals++;
                if (m != 0 || c != '0') {
                    m = m * 10 + (c - '0');
                    significant++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return slow(b, from, to);
            }
        }
        if (!digits || significant > 15 || decimals > 22) return slow(b, from, to);
        double v = decimals == 0 ? m : m / POW10[decimals];
        return neg ? -v : v;
    }

    private static double slow(byte[] b, int from, int to) {
        try {
            double d = Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
