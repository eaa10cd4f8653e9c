package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import nn.core.config.ConfigException;
import nn.core.config.Node;
import nn.core.config.Yaml;
import nn.core.spi.Provider;
import org.junit.jupiter.api.Test;

/** How {@link Plugins#resolve} reports a provider mapping without its type. */
class PluginsTest {
    private static final Registry<Provider> LOSSES = new Registry<Provider>("loss").register(new Provider() {
        @Override public String name() {
            return "mse";
        }

        @Override public String doc() {
            return "mean squared error";
        }
    });

    private static String refusal(String yaml) {
        Node n = Yaml.parse(yaml, "c.yaml", 0);
        return assertThrows(ConfigException.class, () -> Plugins.resolve(LOSSES, n, "loss", "type")).getMessage();
    }

    /** A near miss of the type key is the mistake, named at itself, before the type is said to be missing. */
    @Test
    void aMisspeltTypeKeyIsNamedRatherThanTheMissingType() {
        assertEquals("c.yaml:1:2: loss.typ: unknown key (did you mean type? it is missing)", refusal("{typ: mse}"));
        assertEquals("c.yaml:2:1: loss.tpye: unknown key (did you mean type? it is missing)", refusal("weight: 1\ntpye: mse\n"));
    }

    @Test
    void withoutANearMissTheTypeIsMissing() {
        assertEquals("c.yaml:1:1: loss.type: missing (known losses: mse)", refusal("{reduction: mean}"));
    }
}
