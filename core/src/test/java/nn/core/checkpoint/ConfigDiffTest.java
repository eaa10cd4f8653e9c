package nn.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ConfigDiff}: a checkpoint from before normalize_targets resumes when the key resolves to none now. */
class ConfigDiffTest {
    private static Map<String, Object> tree(Map<String, Object> train) {
        return Map.of("seed", 1L, "data", Map.of("train", train));
    }

    @Test
    void anOlderCheckpointWithoutNormalizeTargetsMatchesNone() {
        Map<String, Object> old = tree(Map.of("normalize", "standard"));
        assertEquals(List.of(), ConfigDiff.differences(old, tree(Map.of("normalize", "standard", "normalize_targets", "none"))));
    }

    /** The targets would now be standardised: not the run the checkpoint continued. */
    @Test
    void anOlderCheckpointDiffersFromStandardisedTargets() {
        Map<String, Object> old = tree(Map.of("normalize", "standard"));
        assertEquals(List.of("data.train.normalize_targets"),
                ConfigDiff.differences(old, tree(Map.of("normalize", "standard", "normalize_targets", "standard"))));
    }

    @Test
    void aChangedKindIsADifference() {
        assertEquals(List.of("data.train.normalize_targets"), ConfigDiff.differences(tree(Map.of("normalize_targets", "none")),
                tree(Map.of("normalize_targets", "minmax"))));
    }
}
