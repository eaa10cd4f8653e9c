package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.History;
import nn.core.train.Plugins;
import nn.core.train.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training step allocates nothing: over 15,000 one-row epochs of the seed network (steps and epochs alike, as in
 * bench task B1), the training thread allocates (almost) no bytes, counted by the JVM's per-thread allocation counter.
 * The window avoids the history's doubling (its columns grow at 16,384 rows and then at 32,768).
 */
class StepAllocationTest {
    /** With normalize_targets minmax the training metrics also invert each batch's outputs and targets (into scratch). */
    @ParameterizedTest
    @ValueSource(strings = {"none", "minmax"})
    void aStepAndAnEpochAllocateNothing(String normalizeTargets, @TempDir Path dir) throws Exception {
        Path config = dir.resolve("b1.yaml");
        Files.writeString(config, """
                name: b1
                seed: 1
                model:
                  inputs: 1
                  layers:
                    - {units: 1, activation: sigmoid}
                    - {units: 2, activation: sigmoid}
                    - {units: 1, activation: sigmoid}
                loss: mse
                optimizer: {type: sgd, learning_rate: 0.5, momentum: 0.9}
                training: {epochs: 32000, batch_size: 1, shuffle: true, clip_norm: 10}
                data:
                  train:
                    normalize_targets: %s
                    inline: [[1.0, 0.0]]
                """.formatted(normalizeTargets));
        Experiment e = Experiment.prepare(Config.load(config, List.of(), Plugins.load(getClass().getClassLoader())), System.in);
        Trainer t = new Trainer(e);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long[] bytes = new long[2];
        t.run(new Trainer.Listener() {
            @Override
            public void epoch(History h) {
                if (h.size() == 17_000) bytes[0] = threads.getThreadAllocatedBytes(id);
                if (h.size() == 32_000) bytes[1] = threads.getThreadAllocatedBytes(id);
            }
        }, () -> {});
        assertEquals(32_000, t.epoch());
        long allocated = bytes[1] - bytes[0];
        assertTrue(allocated < 15_000, allocated + " bytes allocated over 15,000 steps");
    }
}
