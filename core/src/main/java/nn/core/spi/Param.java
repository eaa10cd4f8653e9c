package nn.core.spi;

/**
 * One declared parameter of a provider: its config key, its type, its default (null: required) and one line of doc.
 *
 * @param name  the snake_case key in the config
 * @param type  what values it takes
 * @param value the default, or null when the parameter is required
 * @param doc   one line for {@code nn plugins}
 */
public record Param(String name, Type type, Object value, String doc) {
    /** The value types a parameter may take. */
    public enum Type {
        REAL, INT, BOOL, STRING,
        /** A structured value the provider reads itself (a plugin reference, a tensor); its default is shown as text. */
        SPEC
    }

    public static Param real(String name, double value, String doc) {
        return new Param(name, Type.REAL, value, doc);
    }

    public static Param integer(String name, long value, String doc) {
        return new Param(name, Type.INT, value, doc);
    }

    public static Param bool(String name, boolean value, String doc) {
        return new Param(name, Type.BOOL, value, doc);
    }

    public static Param string(String name, String value, String doc) {
        return new Param(name, Type.STRING, value, doc);
    }

    /** A structured value (e.g. {@code activation}, {@code weights}) read by the provider through its spec. */
    public static Param spec(String name, String value, String doc) {
        return new Param(name, Type.SPEC, value, doc);
    }

    /** A required real parameter (no default). */
    public static Param requiredReal(String name, String doc) {
        return new Param(name, Type.REAL, null, doc);
    }

    /** A required integer parameter (no default). */
    public static Param requiredInteger(String name, String doc) {
        return new Param(name, Type.INT, null, doc);
    }
}
