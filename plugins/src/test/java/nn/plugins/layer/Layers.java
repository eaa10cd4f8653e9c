package nn.plugins.layer;

import java.nio.file.Path;
import nn.core.config.Node;
import nn.core.config.Yaml;
import nn.core.spi.Layer;
import nn.core.train.Config;
import nn.core.train.Network;
import nn.core.train.Plugins;

/** Networks and layers built as a user's config builds them: YAML text through {@link Config#network(int)}. */
final class Layers {
    private Layers() {}

    /** The network of a config written as YAML text (a file named test.yaml in the working directory). */
    static Network network(String yaml) {
        Node.Mapping tree = (Node.Mapping) Yaml.parse(yaml, "test.yaml", 0);
        return Config.of(Path.of("test.yaml"), tree, Plugins.load(Layers.class.getClassLoader())).network(-1);
    }

    /** The only layer of {@code {seed: S, model: {inputs: NIN, layers: [LAYER]}}}. */
    static Layer one(long seed, int nin, String layer) {
        Network net = network("seed: " + seed + "\nmodel:\n  inputs: " + nin + "\n  layers:\n    - " + layer + "\n");
        return net.layers().get(0);
    }
}
