package nn.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Decimal#parse} gives exactly the bits of {@link Double#parseDouble} for finite numbers, NaN for the rest. */
class DecimalTest {
    /** What Decimal.parse must return for s: parseDouble's value when that is finite, else NaN. */
    static double expected(String s) {
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return Decimal.parse(b, 0, b.length);
    }

    static void assertSameBits(String s) {
        double want = expected(s), got = parse(s);
        if (Double.isNaN(want)) {
            assertTrue(Double.isNaN(got), () -> "'" + s + "': expected NaN, got " + got);
        } else {
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got),
                    () -> "'" + s + "': expected " + want + ", got " + got);
        }
    }

    static void assertNaN(String s) {
        double got = parse(s);
        assertTrue(Double.isNaN(got), () -> "'" + s + "': expected NaN, got " + got);
    }

    static void assertBits(double want, String s) {
        double got = parse(s);
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), () -> "'" + s + "': expected " + want + ", got " + got);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.9e-324", "2.2250738585072011e-308", "2.2250738585072014E-308", "2.225073858507201e-308",
            "4.9406564584124654e-324", "2.4703282292062328e-324", "2.4703282292062327e-324", "1e-320", "1e-400", "4.9e-325"})
    void subnormalsAndUnderflowMatchParseDouble(String s) {
        assertSameBits(s);
    }

    @Test
    void smallestSubnormalIsNotZero() {
        assertBits(Double.MIN_VALUE, "4.9e-324");
        assertBits(0x1.0p-1022, "2.2250738585072014E-308");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.30000000000000004", "9007199254740993", "123456789012345678", "9007199254740992",
            "0.1000000000000000055511151231257827", "1.0000000000000002", "12345678901234567890.5"})
    void seventeenAndMoreSignificantDigitsMatchParseDouble(String s) {
        assertSameBits(s);
    }

    @Test
    void pointOnePlusPointTwoIsNotPointThree() {
        assertBits(0.1 + 0.2, "0.30000000000000004");
        assertBits(9007199254740992.0, "9007199254740993"); // the tie rounds to even
    }

    /** 15 digits are the fast path's limit, 16 are one past it. */
    @ParameterizedTest
    @ValueSource(strings = {"123456789012345", "999999999999999", "0.123456789012345", "-98765.4321098765", "1.23456789012345",
            "0.0000000123456789012345", "1234567890123456", "9999999999999999", "0.1234567890123456", "-9876543.210987654",
            "0.00000001234567890123456", "1.000000000000000", "100000000000000.0"})
    void fifteenAndSixteenSignificantDigitsMatchParseDouble(String s) {
        assertSameBits(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e5", "1E-5", "2.5e+3", "1e308", "1.7976931348623157e308", "-1.7976931348623157E308", "1e22", "1e23",
            "1.5e-7", "0e0", "-0e5", "3E0"})
    void exponentsMatchParseDouble(String s) {
        assertSameBits(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e309", "-1e309", "1.7976931348623159e308", "NaN", "Infinity", "-Infinity", "+Infinity"})
    void infiniteOrNotANumberIsNaN(String s) {
        assertNaN(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0", "-0.0", "-0.", "-.0", "-0e3", "-0.000000000000000000000000"})
    void negativeZeroKeepsItsSign(String s) {
        assertBits(-0.0, s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+0", "0", "0.0", "000", ".0", "0."})
    void positiveZero(String s) {
        assertBits(0.0, s);
    }

    @Test
    void missingDigitsOnEitherSideOfThePoint() {
        assertBits(0.5, ".5");
        assertBits(5.0, "5.");
        assertBits(-0.5, "-.5");
        assertBits(5.0, "+5");
        assertBits(7.25, "007.25");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.000000000000000000001", "0.0000000000000000000001", "0.00000000000000000000001",
            "0.000000000000000000000123", "1.0000000000000000000000000001", "123.4560000000000000000000"})
    void manyDecimalsMatchParseDouble(String s) {
        assertSameBits(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "+", "1.2.3", "1e", "e5", "--1", "+-1", "1-", "abc", "1,5", "1 2", "0x", "1e+"})
    void nonNumbersAreNaN(String s) {
        assertNaN(s);
    }

    /** parseDouble accepts hex floats and the d/f suffixes of Java literals, so Decimal must as well. */
    @ParameterizedTest
    @ValueSource(strings = {"0x1p3", "-0x1.8p-1", "1d", "1f", "1.5D", "-2.25F", "1e3d"})
    void javaLiteralFormsMatchParseDouble(String s) {
        assertSameBits(s);
        assertTrue(!Double.isNaN(parse(s)), s);
    }

    @Test
    void hexAndSuffixesGiveTheirValues() {
        assertBits(8.0, "0x1p3");
        assertBits(1.0, "1d");
        assertBits(1.0, "1f");
    }

    @Test
    void readsOnlyTheGivenRangeOfTheBytes() {
        byte[] b = "991.5e0,12.75;x0x1p3y".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(Decimal.parse(b, 2, 5)));
        assertEquals(Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(Decimal.parse(b, 2, 7))); // 1.5e0, slow path
        assertEquals(Double.doubleToRawLongBits(12.75), Double.doubleToRawLongBits(Decimal.parse(b, 8, 13)));
        assertEquals(Double.doubleToRawLongBits(8.0), Double.doubleToRawLongBits(Decimal.parse(b, 15, 20)));
        assertTrue(Double.isNaN(Decimal.parse(b, 7, 7)), "an empty range is not a number");
    }

    /** About 20,000 strings from fixed seeds, in batches by kind (one invocation per string would take seconds). */
    static Stream<Arguments> randomNumbers() {
        List<Arguments> out = new ArrayList<>();
        for (int seed = 0; seed < 2; seed++) {
            Random r = new Random(20240611L + seed);
            out.add(batch("Double.toString of random bits", seed, 2000, () -> {
                double d;
                do {
                    d = Double.longBitsToDouble(r.nextLong());
                } while (!Double.isFinite(d));
                return Double.toString(d);
            }));
            out.add(batch("1-20 digits, a point anywhere, a sign, sometimes an exponent", seed, 3000, () -> digits(r)));
            out.add(batch("%.Nf", seed, 1500,
                    () -> String.format(Locale.ROOT, "%." + r.nextInt(21) + "f", (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(16) - 5))));
            out.add(batch("%.Ne", seed, 1000,
                    () -> String.format(Locale.ROOT, "%." + r.nextInt(20) + "e", (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(600) - 300))));
            out.add(batch("zeros after the point, around the 22-decimal limit", seed, 1000, () -> {
                StringBuilder s = new StringBuilder(r.nextBoolean() ? "-0." : "0.");
                s.append("0".repeat(r.nextInt(24)));
                int n = 1 + r.nextInt(15);
                for (int i = 0; i < n; i++) s.append((char) ('0' + r.nextInt(10)));
                return s.toString();
            }));
            out.add(batch("exact midpoints between neighbouring doubles", seed, 750, () -> {
                double d = Math.abs(Double.longBitsToDouble(r.nextLong()));
                if (!Double.isFinite(d) || d == Double.MAX_VALUE) d = r.nextDouble() * 1e6;
                return new BigDecimal(d).add(new BigDecimal(Math.nextUp(d))).divide(BigDecimal.valueOf(2)).toString();
            }));
            out.add(batch("integers around 2^53", seed, 750, () -> (r.nextBoolean() ? "-" : "") + ((1L << 53) + r.nextInt(2001) - 1000)));
        }
        return out.stream();
    }

    private static Arguments batch(String kind, int seed, int count, Supplier<String> next) {
        List<String> strings = new ArrayList<>(count);
        for (int k = 0; k < count; k++) strings.add(next.get());
        return Arguments.of(kind + " (seed " + seed + ")", strings);
    }

    /** 1–20 random digits, a point at a random place (or none), an optional sign and exponent. */
    private static String digits(Random r) {
        int n = 1 + r.nextInt(20);
        StringBuilder s = new StringBuilder();
        int sign = r.nextInt(3);
        if (sign == 1) s.append('-');
        if (sign == 2) s.append('+');
        int dot = r.nextInt(n + 2) - 1; // -1: no point
        for (int i = 0; i < n; i++) {
            if (i == dot) s.append('.');
            s.append((char) ('0' + r.nextInt(10)));
        }
        if (dot == n) s.append('.');
        if (r.nextInt(8) == 0) s.append(r.nextBoolean() ? 'e' : 'E').append(r.nextInt(700) - 350);
        return s.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomNumbers")
    void randomNumbersMatchParseDouble(String kind, List<String> strings) {
        List<String> wrong = new ArrayList<>();
        for (String s : strings) {
            double want = expected(s), got = parse(s);
            boolean same = Double.isNaN(want) ? Double.isNaN(got) : Double.doubleToRawLongBits(want) == Double.doubleToRawLongBits(got);
            if (!same) wrong.add("'" + s + "': expected " + want + ", got " + got);
        }
        assertTrue(wrong.isEmpty(), () -> wrong.size() + " of " + strings.size() + " differ from parseDouble, e.g. " + wrong.subList(0, Math.min(5, wrong.size())));
    }
}
