package nn.core.checkpoint;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import nn.core.config.Node;
import nn.core.config.Overrides;
import nn.core.config.Yaml;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Plugins;
import nn.core.train.Trainer;

/**
 * Real checkpoints of tiny runs, made as nn train makes them (Experiment, Trainer, {@link Checkpoint#of},
 * {@link CheckpointFile#encode}) with {@link TinyPlugins}: a regression (2 inputs, 2 standardised targets, a
 * validation split, early stopping, so best_weights too) and a classification of a CSV label column read from
 * standard input (3 classes, minmax features).
 */
final class TinyRuns {
    private TinyRuns() {}

    static final Plugins PLUGINS = TinyPlugins.plugins();

    static final String REGRESSION = """
            name: tiny
            seed: 3
            model:
              inputs: 2
              layers:
                - {units: 3, activation: tanh, weights: 0.3, bias: 0.1}
                - {units: 2, weights: -0.2, bias: 0.05}
            loss: mse
            optimizer: {type: sgd, learning_rate: 0.1, momentum: 0.5}
            training: {epochs: 4, batch_size: 2, early_stopping: {patience: 2}}
            data:
              train:
                inline: [[0, 1, 1, 0], [1, 0, 0, 1], [1, 1, 1, 1], [0, 0, 0, 0], [2, 1, 3, 1], [1, 2, 0, 2]]
                normalize: standard
              validation: {split: 0.34}
            """;

    static final String LABELS = """
            name: tiny-labels
            seed: 4
            model:
              layers:
                - {units: 3, activation: tanh, weights: 0.3, bias: 0.1}
                - {units: 3, weights: 0.2, bias: 0.0}
            loss: one_hot_mse
            optimizer: {type: sgd, learning_rate: 0.2}
            training: {epochs: 3, batch_size: 4}
            data:
              train: {csv: "-", target: label, normalize: minmax}
            """;

    /** The rows LABELS reads from standard input. */
    static final String LABEL_ROWS = "a,b,label\n0,1,x\n1,0,y\n1,1,z\n0,0,x\n2,1,y\n1,2,z\n3,0,x\n";

    /** yaml with KEY=VALUE overrides, as if read from tiny.yaml in the current folder. */
    static Config config(String yaml, String... overrides) {
        Node.Mapping tree = (Node.Mapping) Yaml.parse(yaml, "tiny.yaml", 0);
        Overrides.apply(tree, List.of(overrides));
        return Config.of(Path.of("tiny.yaml"), tree, PLUGINS);
    }

    /** The experiment of yaml (LABELS reads LABEL_ROWS from standard input). */
    static Experiment experiment(String yaml, String... overrides) {
        return Experiment.prepare(config(yaml, overrides), new ByteArrayInputStream(LABEL_ROWS.getBytes(StandardCharsets.UTF_8)));
    }

    /** The run of yaml to its end (training.epochs or early stopping). */
    static Trainer train(Experiment e) {
        Trainer t = new Trainer(e);
        t.run(new Trainer.Listener() {}, () -> {});
        return t;
    }

    /** The bytes of last.ckpt after the run of yaml with overrides. */
    static byte[] trained(String yaml, String... overrides) {
        Experiment e = experiment(yaml, overrides);
        return CheckpointFile.encode(Checkpoint.of(e, train(e)));
    }
}
