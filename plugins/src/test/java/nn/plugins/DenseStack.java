package nn.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nn.core.config.Node;
import nn.core.config.Yaml;
import nn.core.train.Config;
import nn.core.train.Network;
import nn.core.train.Plugins;

/**
 * A random dense stack for the formula tests, written as YAML and built as nn builds a config: nin inputs, one dense
 * layer per (units, activation), weights normal(0, 0.8), biases uniform(−0.5, 0.5) or none, all drawn from seed.
 */
record DenseStack(String yaml, Network net) {
    static DenseStack of(Plugins plugins, long seed, int nin, List<Integer> units, List<String> activations, List<Boolean> bias) {
        StringBuilder y = new StringBuilder("seed: " + seed + "\nmodel:\n  inputs: " + nin + "\n  layers:\n");
        for (int i = 0; i < units.size(); i++) {
            y.append("    - {units: ").append(units.get(i)).append(", activation: ").append(activations.get(i))
                    .append(", weights: {init: normal, std: 0.8}, bias: ").append(bias.get(i) ? "{init: uniform, a: -0.5, b: 0.5}" : "false").append("}\n");
        }
        y.append("loss: mse\n");
        return new DenseStack(y.toString(), build(plugins, y.toString(), "test.yaml"));
    }

    /** configs/seed.yaml, the README's 1-1-2-1 sigmoid network (all weights 0.5, all biases 1, input 1). */
    static Network seed(Plugins plugins) {
        Path file = Path.of("..", "configs", "seed.yaml");
        try {
            return build(plugins, Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Network build(Plugins plugins, String yaml, String name) {
        Config c = Config.of(Path.of(name), (Node.Mapping) Yaml.parse(yaml, name, 0), plugins);
        return c.network(-1);
    }
}
