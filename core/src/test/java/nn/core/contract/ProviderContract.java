package nn.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import nn.core.config.ConfigException;
import nn.core.spi.Param;
import nn.core.spi.Provider;
import nn.core.train.Plugins;
import nn.core.train.Registry;
import org.junit.jupiter.api.Test;

/**
 * What every provider promises ({@link Provider}'s contract): a snake_case name, one line of doc, uniquely named
 * snake_case parameters whose defaults have the declared type, a line in {@code META-INF/services}, and a registry
 * that refuses a second provider with the same name, naming both classes. A provider's test extends the contract of
 * its kind ({@link ActivationContract}, {@link LossContract}, {@link InitializerContract}, or this one directly).
 */
public abstract class ProviderContract<P extends Provider> {
    static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    /** A new instance of the provider under test, as ServiceLoader would make it. */
    protected abstract P provider();

    /** The registry of this provider's kind within {@code plugins}. */
    protected abstract Registry<P> registry(Plugins plugins);

    @Test
    public void nameIsSnakeCase() {
        String name = provider().name();
        assertNotNull(name, "name()");
        assertTrue(SNAKE_CASE.matcher(name).matches(), () -> "name '" + name + "' is not snake_case");
    }

    @Test
    public void docIsOneNonEmptyLine() {
        String doc = provider().doc();
        assertNotNull(doc, "doc()");
        assertFalse(doc.isBlank(), "doc() is blank");
        assertFalse(doc.contains("\n"), () -> "doc() is more than one line: " + doc);
    }

    @Test
    public void paramsAreUniquelyNamedSnakeCaseAndDocumented() {
        Set<String> seen = new HashSet<>();
        for (Param p : provider().params()) {
            assertTrue(SNAKE_CASE.matcher(p.name()).matches(), () -> "parameter '" + p.name() + "' is not snake_case");
            assertTrue(seen.add(p.name()), () -> "parameter '" + p.name() + "' is declared twice");
            assertNotNull(p.type(), () -> "parameter '" + p.name() + "' has no type");
            assertTrue(p.doc() != null && !p.doc().isBlank(), () -> "parameter '" + p.name() + "' has no doc");
        }
    }

    @Test
    public void paramDefaultsHaveTheDeclaredType() {
        for (Param p : provider().params()) {
            Object v = p.value();
            if (v == null) {
                assertTrue(p.type() != Param.Type.SPEC, () -> "SPEC parameter '" + p.name() + "' needs a default to show");
                continue;
            }
            Class<?> expected = switch (p.type()) {
                case REAL -> Double.class;
                case INT -> Long.class;
                case BOOL -> Boolean.class;
                case STRING, SPEC -> String.class;
            };
            assertEquals(expected, v.getClass(), () -> "default of " + p.type() + " parameter '" + p.name() + "': " + v);
        }
    }

    @Test
    public void isRegisteredThroughServiceLoader() {
        P p = provider();
        Registry<P> loaded = registry(Plugins.load(getClass().getClassLoader()));
        P found = loaded.find(p.name());
        assertNotNull(found, () -> "no " + loaded.kind() + " named '" + p.name() + "' in META-INF/services (found "
                + loaded.names() + ")");
        assertEquals(p.getClass(), found.getClass(), "class registered under '" + p.name() + "'");
    }

    @Test
    public void registryRejectsADuplicateNameNamingBothClasses() {
        P original = provider();
        P impostor = impostor(original);
        Registry<P> registry = registry(Plugins.empty());
        registry.register(original);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.register(impostor));
        String m = e.getMessage();
        assertTrue(m.contains("'" + original.name() + "'"), () -> "message does not name '" + original.name() + "': " + m);
        assertTrue(m.contains(original.getClass().getName()), () -> "message does not name the first class: " + m);
        assertTrue(m.contains(impostor.getClass().getName()), () -> "message does not name the second class: " + m);
        assertSame(original, registry.find(original.name()), "the first provider stays registered");
    }

    @Test
    public void unknownParameterIsRejectedNamingIt() {
        P p = provider();
        ConfigException e = assertThrows(ConfigException.class, () -> ProviderParams.of(p, "no_such_param: 1"));
        assertTrue(e.getMessage().contains(p.name() + ".no_such_param: unknown parameter"), e::getMessage);
    }

    /** Another class (a dynamic proxy) claiming the same name, delegating everything else to the original. */
    @SuppressWarnings("unchecked")
    private P impostor(P original) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = original.getClass(); c != null; c = c.getSuperclass()) interfaces.addAll(List.of(c.getInterfaces()));
        return (P) Proxy.newProxyInstance(getClass().getClassLoader(), interfaces.toArray(Class<?>[]::new),
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "impostor of " + original;
                    default -> method.invoke(original, args);
                });
    }
}
