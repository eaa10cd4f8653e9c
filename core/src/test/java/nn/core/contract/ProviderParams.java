package nn.core.contract;

import nn.core.config.Node;
import nn.core.config.NodeParams;
import nn.core.config.Yaml;
import nn.core.spi.Provider;
import nn.core.train.Plugins;
import nn.core.train.Registry;

/** A provider's parameters as a config would give them, read from YAML and checked against its declaration. */
public final class ProviderParams {
    private ProviderParams() {}

    /**
     * The parameters of {@code {type: NAME, <entries>}}, e.g. {@code of(leakyRelu, "alpha: 0.2")}; an empty
     * {@code entries} gives the declared defaults.
     */
    public static NodeParams of(Provider provider, String entries) {
        String text = "{type: " + provider.name() + (entries.isBlank() ? "" : ", " + entries) + "}";
        Node node = Yaml.parse(text, "test", 0);
        Registry<Provider> registry = new Registry<Provider>("test").register(provider);
        return Plugins.resolve(registry, node, provider.name(), "type").params();
    }
}
