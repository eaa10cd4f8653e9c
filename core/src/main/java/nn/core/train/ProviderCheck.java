package nn.core.train;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nn.core.spi.Param;
import nn.core.spi.Provider;

/**
 * What makes a loaded provider unusable, said in words a plugin author can act on: a declaration that breaks the
 * {@link Provider} contract, or the error {@link java.util.ServiceLoader} met loading it (a class compiled for a newer
 * Java, a constructor that throws, a class missing from its jar).
 */
final class ProviderCheck {
    private ProviderCheck() {}

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** Null when p's name and parameters keep the contract; else what is wrong. */
    static String problem(Provider p) {
        String name;
        List<Param> params;
        try {
            name = p.name();
            params = p.params();
        } catch (RuntimeException e) {
            return "name() or params() threw " + e;
        }
        if (name == null || !NAME.matcher(name).matches()) return "its name " + (name == null ? "is null" : "'" + name + "' is not snake_case");
        if (params == null) return "params() returned null (return List.of() for none)";
        Set<String> seen = new HashSet<>();
        for (Param q : params) {
            if (q == null || q.name() == null || !NAME.matcher(q.name()).matches()) return "declares a parameter without a snake_case name: " + q;
            if (!seen.add(q.name())) return "declares the parameter '" + q.name() + "' twice";
            if (q.type() == null) return "parameter '" + q.name() + "' has no type";
            Object v = q.value();
            boolean ok = v == null || switch (q.type()) {
                case REAL -> v instanceof Number;
                case INT -> v instanceof Long || v instanceof Integer;
                case BOOL -> v instanceof Boolean;
                case STRING, SPEC -> v instanceof String;
            };
            if (!ok) return "parameter '" + q.name() + "' is declared " + q.type().name().toLowerCase() + " with the default " + v
                    + " (a " + v.getClass().getSimpleName() + ")";
        }
        return null;
    }

    /** The class in ServiceLoader's messages ("Provider a.B could not be …") and the JVM's ("a/B has been compiled by …"). */
    private static final Pattern PROVIDER = Pattern.compile("Provider (\\S+)|^(\\S+) has been compiled");

    /** A provider ServiceLoader could not load, with its jar when it can be found. */
    static Registry.Broken broken(Throwable e, Class<?> type, ClassLoader loader) {
        Matcher m = PROVIDER.matcher(String.valueOf(e.getMessage()));
        String cls = !m.find() ? "?" : (m.group(1) != null ? m.group(1) : m.group(2)).replace('/', '.');
        String origin = "?";
        var url = cls.equals("?") ? null : loader.getResource(cls.replace('.', '/') + ".class");
        if (url == null && !cls.equals("?")) origin = "a plugin jar";
        if (url != null) {
            String u = url.toString();
            origin = u.startsWith("jar:file:") ? u.substring("jar:file:".length(), u.indexOf("!/")) : u;
        }
        return new Registry.Broken(cls, origin, reason(e, type, url == null));
    }

    private static String reason(Throwable e, Class<?> type, boolean missing) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        if (c instanceof UnsupportedClassVersionError v) {
            return "compiled for a newer Java (" + v.getMessage().replaceAll(".*\\(class file version ([0-9.]+)\\).*", "class file version $1")
                    + "); this is Java " + Runtime.version().feature() + ": build it with --release " + Runtime.version().feature();
        }
        if (missing || c instanceof ClassNotFoundException || c instanceof NoClassDefFoundError) {
            return "the class is not in the jar, or needs a class that is not (" + c + ")";
        }
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("not a subtype")) return "does not implement " + type.getName();
        if (msg.contains("could not be instantiated")) return "its constructor threw " + c;
        return c.toString();
    }
}
