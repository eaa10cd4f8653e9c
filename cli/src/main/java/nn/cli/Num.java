package nn.cli;

/** Number text that reads back to the same double. */
final class Num {
    private Num() {}

    /** Java's shortest-uniquely-identifying decimal (Double.toString), with integral values as "1.0". */
    static String format(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        return Double.toString(d);
    }
}
