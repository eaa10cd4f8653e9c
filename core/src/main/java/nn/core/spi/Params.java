package nn.core.spi;

/**
 * The values of a provider's declared parameters, already checked for type against {@link Param} by the config
 * loader. The range-taking getters reject a value outside the range with a message that names the key, the value
 * found and its location in the config.
 */
public interface Params {
    /** The value of a REAL parameter, in [min, max]. */
    double real(String name, double min, double max);

    /**
     * The value of a REAL parameter, in (min, max]: above min, which it may not equal. For a value that must be
     * positive, as every learning rate: at 0 nothing is learnt.
     */
    double realAbove(String name, double min, double max);

    /** The value of a REAL parameter, unbounded. */
    default double real(String name) {
        return real(name, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** The value of an INT parameter, in [min, max]. */
    long integer(String name, long min, long max);

    boolean bool(String name);

    String string(String name);

    /** An error about one parameter's value: thrown as a config error at that value's location. */
    RuntimeException invalid(String name, String whatWouldBeRight);
}
