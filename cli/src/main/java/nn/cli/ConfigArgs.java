package nn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nn.core.train.Config;
import nn.core.train.Plugins;
import picocli.CommandLine.Parameters;

/** CONFIG [KEY=VALUE...]: the config file and the overrides applied to it. */
final class ConfigArgs {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "The YAML config file.")
    Path config;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE",
            description = "Override a config value, read as YAML, e.g. training.epochs=10 model.layers[1].units=3.")
    List<String> overrides = new ArrayList<>();

    Config load(Plugins plugins) {
        return Config.load(config, overrides, plugins);
    }
}
