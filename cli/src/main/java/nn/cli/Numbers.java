package nn.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for numeric options that refuse, as a bad argument (exit 2), the values that can never be right: NaN
 * and infinities everywhere, and zero or negatives where a step, a count or a tolerance is meant ({@code --eps 0}
 * made every finite difference 0/0).
 */
final class Numbers {
    private Numbers() {}

    private static double real(String s) {
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s + "' is not a number");
        }
        if (!Double.isFinite(v)) throw new TypeConversionException("'" + s + "' is not a finite number");
        return v;
    }

    /** Any finite number. */
    static final class Finite implements ITypeConverter<Double> {
        @Override
        public Double convert(String s) {
            return real(s);
        }
    }

    /** A finite number > 0. */
    static final class Positive implements ITypeConverter<Double> {
        @Override
        public Double convert(String s) {
            double v = real(s);
            if (!(v > 0)) throw new TypeConversionException("'" + s + "' must be greater than 0");
            return v;
        }
    }

    /** A finite number ≥ 0. */
    static final class NonNegative implements ITypeConverter<Double> {
        @Override
        public Double convert(String s) {
            double v = real(s);
            if (v < 0) throw new TypeConversionException("'" + s + "' must be 0 or more");
            return v;
        }
    }

    private static int whole(String s, int min) {
        int v;
        try {
            v = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s + "' is not a whole number");
        }
        if (v < min) throw new TypeConversionException("'" + s + "' must be " + min + " or more");
        return v;
    }

    /** A whole number ≥ 1. */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            return whole(s, 1);
        }
    }

    /** A whole number ≥ 0 (an index). */
    static final class Index implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String s) {
            return whole(s, 0);
        }
    }
}
