package nn.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nn.core.BadInputException;
import nn.core.train.Experiment;
import nn.core.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * What {@link CheckpointFile#decode} and {@link Checkpoint#model} check beyond the bytes (Invariants): the files a
 * run writes pass, whatever kind of run; each header that lies (the hostile-input audit's three first) is one line
 * naming the file, the field, the value and what it must be.
 */
class CheckpointChecksTest {
    static final String FILE = "runs/x/last.ckpt";
    private static final byte[] REGRESSION = TinyRuns.trained(TinyRuns.REGRESSION), LABELS = TinyRuns.trained(TinyRuns.LABELS);

    /** base with change applied to its header and data, checksum recomputed. */
    static byte[] changed(byte[] base, Consumer<CheckpointBytes> change) {
        CheckpointBytes f = CheckpointBytes.of(base);
        change.accept(f);
        return f.encode();
    }

    /** The message decode refuses bytes with, checked to be one line starting with the file. */
    static String refusal(byte[] bytes) {
        return oneLine(assertThrows(BadInputException.class, () -> CheckpointFile.decode(bytes, FILE)));
    }

    /** The message model refuses bytes with (decode accepts them). */
    static String modelRefusal(byte[] bytes) {
        Checkpoint c = CheckpointFile.decode(bytes, FILE);
        return oneLine(assertThrows(BadInputException.class, () -> c.model(TinyRuns.PLUGINS, FILE)));
    }

    static String oneLine(BadInputException e) {
        String m = e.getMessage();
        assertTrue(m.startsWith(FILE + ": "), m);
        assertFalse(m.contains("\n") || m.contains("\r"), m);
        return m;
    }

    static String invalid(String what) {
        return FILE + ": not a valid checkpoint: " + what;
    }

    // ---- files nn writes pass ----------------------------------------------------------------------------------

    /** Decodes, builds the model and predicts two rows: every check passes on the file. */
    private static Checkpoint passes(byte[] bytes) {
        Checkpoint c = CheckpointFile.decode(bytes, FILE);
        Checkpoint.Model m = c.model(TinyRuns.PLUGINS, FILE);
        double[] x = new double[2 * m.network().nin()];
        m.normalizer().apply(x, 2);
        double[] y = m.network().forward(x, 2, false);
        assertTrue(Double.isFinite(y[0]));
        return c;
    }

    @Test
    void aRegressionWithEarlyStoppingAndAClassificationPass() {
        Checkpoint r = passes(REGRESSION), l = passes(LABELS);
        assertEquals(4, r.epoch());
        assertTrue(r.arrays().containsKey(Checkpoint.BEST));
        assertEquals("standard", r.normalizeTargets());
        assertEquals(List.of("x", "y", "z"), l.classes());
        assertEquals("minmax", l.normalize());
    }

    /** Epochs 0: no history, best.epoch -1, nothing trained (the shift is not yet held to being finite). */
    @Test
    void aRunOfNoEpochsPasses() {
        Checkpoint c = passes(TinyRuns.trained(TinyRuns.REGRESSION, "training.epochs=0"));
        assertEquals(0, c.epoch());
        assertEquals(-1, c.bestEpoch());
        assertEquals(List.of(), c.history());
    }

    /** A run stopped early (patience 1 at a learning rate that overshoots) and then resumed, which counts patience afresh. */
    @Test
    void anEarlyStoppedRunAndItsResumptionPass() {
        String[] overshoot = {"optimizer.learning_rate=3.5", "training.early_stopping.patience=1", "training.epochs=30"};
        Experiment e = TinyRuns.experiment(TinyRuns.REGRESSION, overshoot);
        Trainer t = TinyRuns.train(e);
        assertTrue(t.stoppedEarly(), "the run should stop early");
        Checkpoint stopped = passes(CheckpointFile.encode(Checkpoint.of(e, t)));
        assertTrue(stopped.stoppedEarly() && stopped.sinceBest() >= 1);

        List<String> more = new ArrayList<>(List.of(overshoot));
        more.add("training.epochs=" + (stopped.epoch() + 5));
        Experiment e2 = TinyRuns.experiment(TinyRuns.REGRESSION, more.toArray(String[]::new));
        Trainer t2 = new Trainer(e2);
        stopped.restore(e2, t2, FILE);
        t2.resetPatience();
        t2.run(new Trainer.Listener() {}, () -> {});
        Checkpoint resumed = passes(CheckpointFile.encode(Checkpoint.of(e2, t2)));
        assertTrue(resumed.epoch() > stopped.epoch());
        assertTrue(resumed.sinceBest() < resumed.epoch() - 1 - resumed.bestEpoch(), "patience counted afresh: " + resumed.sinceBest());
    }

    /** Stopped after 2 epochs and resumed to 4: passes, and is the straight run's file (but for the time written). */
    @Test
    void aResumedRunPassesAndMatchesTheStraightRun() {
        Checkpoint half = passes(TinyRuns.trained(TinyRuns.REGRESSION, "training.epochs=2"));
        Experiment e = TinyRuns.experiment(TinyRuns.REGRESSION);
        Trainer t = new Trainer(e);
        half.restore(e, t, FILE);
        t.run(new Trainer.Listener() {}, () -> {});
        Checkpoint resumed = passes(CheckpointFile.encode(Checkpoint.of(e, t))), straight = CheckpointFile.decode(REGRESSION, FILE);
        assertEquals(straight.history(), resumed.history());
        for (String k : straight.arrays().keySet()) assertArrayEquals(straight.arrays().get(k).data(), resumed.arrays().get(k).data(), k);
    }

    // ---- the audit's three -------------------------------------------------------------------------------------

    /** classes: ["a"] for 3 outputs: the target statistics (one per class) disagree; without them, the network does. */
    @Test
    void oneClassForThreeOutputsIsRefusedBeforeAnyRowIsPredicted() {
        assertEquals(invalid("target_normalizer/shift has 3 values, but classes has 1 name (must be one value per name)"),
                refusal(changed(LABELS, f -> f.header().put("classes", List.of("a")))));
        byte[] older = changed(LABELS, f -> {
            f.header().put("classes", List.of("a"));
            withoutTargetStatistics(f);
        });
        assertEquals(invalid("classes has 1 name, but the network has 3 outputs (must be one class per output)"), modelRefusal(older));
    }

    /** A file written before targets were normalised: no target_normalizer arrays, no normalize_targets. */
    @SuppressWarnings("unchecked")
    static void withoutTargetStatistics(CheckpointBytes f) {
        f.header().remove("normalize_targets");
        ((List<Object>) f.header().get("arrays")).removeIf(a -> ((Map<String, Object>) a).get("name").toString().startsWith("target_normalizer/"));
    }

    /** The stored parameters must be exactly the network's: a missing one is named by its array, as is a stray one. */
    @Test
    @SuppressWarnings("unchecked")
    void everyParameterOfTheNetworkIsStoredAndNoOther() {
        byte[] missing = changed(LABELS, f -> ((List<Object>) f.header().get("arrays"))
                .removeIf(a -> ((Map<String, Object>) a).get("name").equals("param/layers.1.bias")));
        assertEquals(invalid("no array param/layers.1.bias (the network its config builds has layers.1.bias, of shape [3])"), modelRefusal(missing));
        byte[] renamed = changed(LABELS, f -> f.array("param/layers.1.bias").put("name", "param/layers.1.bais"));
        assertEquals(invalid("no array param/layers.1.bias (the network its config builds has layers.1.bias, of shape [3])"), modelRefusal(renamed));
        CheckpointBytes f = CheckpointBytes.of(LABELS);
        Map<String, Object> extra = new java.util.LinkedHashMap<>(f.array("param/layers.1.bias"));
        extra.put("name", "param/layers.2.bias");
        extra.put("offset", (long) f.data().length);
        ((List<Object>) f.header().get("arrays")).add(extra);
        f.header().put("data_bytes", (Long) f.header().get("data_bytes") + 3 * 8);
        byte[] stray = new CheckpointBytes(f.header(), java.util.Arrays.copyOf(f.data(), f.data().length + 3 * 8)).encode();
        assertEquals(invalid("an array param/layers.2.bias that the network its config builds has no parameter for"), modelRefusal(stray));
    }

    @Test
    void noFeaturesIsRefused() {
        assertEquals(invalid("normalizer/shift has 2 values, but features has 0 names (must be one value per name)"),
                refusal(changed(REGRESSION, f -> f.header().put("features", List.of()))));
    }

    /** features and statistics shortened together agree with each other, not with the network's inputs. */
    @Test
    void featuresAndStatisticsThatAgreeButNotWithTheNetworkAreRefused() {
        byte[] b = changed(LABELS, f -> {
            f.header().put("features", List.of("a"));
            f.array(Checkpoint.SHIFT).put("shape", List.of(1L));
            f.array(Checkpoint.SCALE).put("shape", List.of(1L));
        });
        assertEquals(invalid("features has 1 name, but the network has 2 inputs (must be one per input)"), modelRefusal(b));
    }

    @Test
    void statisticsOfTheWrongLengthAreRefused() {
        assertEquals(invalid("normalizer/scale has 1 value, but features has 2 names (must be one value per name)"),
                refusal(changed(REGRESSION, f -> f.array(Checkpoint.SCALE).put("shape", List.of(1L)))));
    }

    @Test
    void aNegativeEpochIsRefused() {
        assertEquals(invalid("epoch is -3 (must be ≥ 0)"), refusal(changed(REGRESSION, f -> f.header().put("epoch", -3L))));
    }

    // ---- types: a message, never a ClassCastException's -------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void aValueOfTheWrongTypeNamesTheKeyTheValueAndTheType() {
        assertEquals(invalid("steps is \"96\" (must be a whole number)"), refusal(changed(REGRESSION, f -> f.header().put("steps", "96"))));
        assertEquals(invalid("best.epoch is 2.0 (must be a whole number)"),
                refusal(changed(REGRESSION, f -> ((Map<String, Object>) f.header().get("best")).put("epoch", 2.0))));
        assertEquals(invalid("no rng (must be an object {…})"), refusal(changed(REGRESSION, f -> f.header().remove("rng"))));
        assertEquals(invalid("stopped_early is null (must be true or false)"), refusal(changed(REGRESSION, f -> f.header().put("stopped_early", null))));
        assertEquals(invalid("classes is 3 (must be a list […])"), refusal(changed(LABELS, f -> f.header().put("classes", 3L))));
        assertEquals(invalid("features[1] is 7 (must be a string)"), refusal(changed(REGRESSION, f -> f.header().put("features", List.of("x0", 7L)))));
        assertEquals(invalid("history[1] is \"x\" (must be an object {…})"),
                refusal(changed(REGRESSION, f -> ((List<Object>) f.header().get("history")).set(1, "x"))));
        assertEquals(invalid("history[0].lr is \"fast\" (must be a number)"),
                refusal(changed(REGRESSION, f -> ((List<Map<String, Object>>) f.header().get("history")).get(0).put("lr", "fast"))));
        assertEquals(invalid("arrays[0].shape[1] is \"2\" (must be a whole number ≥ 0)"),
                refusal(changed(REGRESSION, f -> f.array("param/layers.0.weight").put("shape", List.of(3L, "2")))));
        assertEquals(invalid("arrays[2] is \"param/layers.1.weight\" (must be an object {…})"),
                refusal(changed(REGRESSION, f -> ((List<Object>) f.header().get("arrays")).set(2, "param/layers.1.weight"))));
        assertEquals(invalid("config_file is \"\\u0000\" (must be the path of a config file)"),
                refusal(changed(REGRESSION, f -> f.header().put("config_file", "\0"))));
        assertEquals(invalid("config_file is \"/\" (must be the path of a config file)"), refusal(changed(REGRESSION, f -> f.header().put("config_file", "/"))));
        assertEquals(invalid("version is 2 (must be 1, the file's format version)"), refusal(changed(REGRESSION, f -> f.header().put("version", 2L))));
    }

    /** A key made of anything is quoted and escaped: the message stays one line. */
    @Test
    @SuppressWarnings("unchecked")
    void anOddKeyIsQuotedOnOneLine() {
        assertEquals(invalid("history[0].\"a\\nb\" is true (must be a number)"),
                refusal(changed(REGRESSION, f -> ((List<Map<String, Object>>) f.header().get("history")).get(0).put("a\nb", true))));
    }

    /** The JSON parser recurses: a header nested 100,000 deep would overflow its stack; it is refused unparsed. */
    @Test
    void aDeeplyNestedHeaderIsRefusedWithoutParsing() {
        assertEquals(invalid("the header nests deeper than 64 levels (nn writes 4)"), refusal(nested(100_000)));
        passes(nested(20)); // unknown keys are ignored
    }

    /** REGRESSION with a key extra whose value is a list nested depth deep. */
    private static byte[] nested(int depth) {
        CheckpointBytes f = CheckpointBytes.of(REGRESSION);
        f.header().put("extra", "EXTRA");
        return f.encode(nn.core.Json.write(f.header()).replace("\"EXTRA\"", "[".repeat(depth) + "]".repeat(depth)));
    }

    // ---- the data's layout ---------------------------------------------------------------------------------------

    /** scale's offset moved onto shift's: it would read the shift as the scale. */
    @Test
    void arraysThatOverlapAreRefused() {
        assertEquals(invalid("arrays \"normalizer/shift\" and \"normalizer/scale\" overlap in the data (bytes 280..296 and 280..296)"),
                refusal(changed(REGRESSION, f -> f.array(Checkpoint.SCALE).put("offset", f.array(Checkpoint.SHIFT).get("offset")))));
    }

    @Test
    void aShapeLargerThanTheDataIsRefusedBeforeAnythingIsAllocated() {
        assertEquals(invalid("arrays[0].shape [2147483647,2147483647,2147483647] holds more values than the data's 480 bytes"),
                refusal(changed(REGRESSION, f -> f.array("param/layers.0.weight").put("shape", List.of(2147483647L, 2147483647L, 2147483647L)))));
        assertEquals(invalid("arrays[0] (\"param/layers.0.weight\"): 6 values at offset 440 end past the data (480 bytes)"),
                refusal(changed(REGRESSION, f -> f.array("param/layers.0.weight").put("offset", 440L))));
        assertEquals(invalid("arrays[1]: the name \"param/layers.0.weight\" is taken by an earlier array"),
                refusal(changed(REGRESSION, f -> f.array("param/layers.0.bias").put("name", "param/layers.0.weight"))));
    }

    // ---- the loop and early stopping -----------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void theLoopPositionMustAgreeWithTheHistory() {
        assertEquals(invalid("steps is 3 (must be ≥ epoch, 4: every epoch takes at least one step)"),
                refusal(changed(REGRESSION, f -> f.header().put("steps", 3L))));
        assertEquals(invalid("history has 4 rows (must be one per epoch: 5)"), refusal(changed(REGRESSION, f -> {
            f.header().put("epoch", 5L);
            f.header().put("steps", 50L);
        })));
        assertEquals(invalid("history[2].epoch is 4.0 (must be 3)"),
                refusal(changed(REGRESSION, f -> ((List<Map<String, Object>>) f.header().get("history")).get(2).put("epoch", 4L))));
        assertEquals(invalid("history[3] has no epoch (must be 4)"),
                refusal(changed(REGRESSION, f -> ((List<Map<String, Object>>) f.header().get("history")).get(3).remove("epoch"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void earlyStoppingsStateMustPointIntoTheHistory() {
        assertEquals(invalid("best.epoch is 4 (must be in [0, 3], an index into the history of 4 epochs)"),
                refusal(changed(REGRESSION, f -> ((Map<String, Object>) f.header().get("best")).put("epoch", 4L))));
        assertEquals(invalid("best.epoch is -1 (must be in [0, 3], an index into the history of 4 epochs)"),
                refusal(changed(REGRESSION, f -> ((Map<String, Object>) f.header().get("best")).put("epoch", -1L))));
        assertEquals(invalid("best.since is 9 (must be in [0, 0]: the epochs after best.epoch 3 of 4)"), refusal(changed(REGRESSION, f -> {
            Map<String, Object> best = (Map<String, Object>) f.header().get("best");
            best.put("epoch", 3L);
            best.put("since", 9L);
        })));
        assertEquals(invalid("stopped_early is true, but best.since is 0 (early stopping fires only after an epoch without improvement)"),
                refusal(changed(REGRESSION, f -> {
                    f.header().put("stopped_early", true);
                    ((Map<String, Object>) f.header().get("best")).put("since", 0L);
                })));
    }

    // ---- normalisation, classes and weights ---------------------------------------------------------------------

    @Test
    void scalesMustBePositiveAndShiftsFiniteOnceTrained() {
        assertEquals(invalid("normalizer/scale[1] is NaN (must be > 0)"), refusal(changed(REGRESSION, f -> f.set(Checkpoint.SCALE, 1, Double.NaN))));
        assertEquals(invalid("normalizer/scale[0] is -2.0 (must be > 0)"), refusal(changed(REGRESSION, f -> f.set(Checkpoint.SCALE, 0, -2))));
        assertEquals(invalid("target_normalizer/scale[0] is 0.0 (must be > 0)"),
                refusal(changed(REGRESSION, f -> f.set(Checkpoint.TARGET_SCALE, 0, 0))));
        assertEquals(invalid("normalizer/shift[0] is Infinity (must be finite: training on it would have diverged)"),
                refusal(changed(REGRESSION, f -> f.set(Checkpoint.SHIFT, 0, Double.POSITIVE_INFINITY))));
        passes(changed(REGRESSION, f -> f.set(Checkpoint.SCALE, 0, Double.POSITIVE_INFINITY))); // a spread past float64's range
        byte[] none = TinyRuns.trained(TinyRuns.REGRESSION, "training.epochs=0");
        CheckpointFile.decode(changed(none, f -> f.set(Checkpoint.SHIFT, 0, Double.NaN)), FILE); // NaN data, no epoch trained yet
    }

    /** Kind none stores shift 0 and scale 1: statistics under none would be skipped by every reader. */
    @Test
    void kindNoneHoldsNoStatistics() {
        assertEquals(invalid("normalizer/shift[0] is 0.5, but normalize is none (must be 0)"),
                refusal(changed(TinyRuns.trained(TinyRuns.REGRESSION, "data.train.normalize=none"), f -> f.set(Checkpoint.SHIFT, 0, 0.5))));
        assertEquals(invalid("target_normalizer/shift[0] is 0.5, but normalize_targets is none (must be 0)"),
                refusal(changed(REGRESSION, f -> f.header().put("normalize_targets", "none"))));
        assertEquals(invalid("normalize is \"zscore\" (must be none, standard, minmax)"),
                refusal(changed(REGRESSION, f -> f.header().put("normalize", "zscore"))));
        assertEquals(invalid("normalize_targets is \"standard\", but there is no array target_normalizer/shift (must be none, or the"
                + " statistics must be there)"), refusal(changed(REGRESSION, f -> {
                    withoutTargetStatistics(f);
                    f.header().put("normalize_targets", "standard");
                })));
    }

    /** The kinds agree with the stored config's: a file that says none with identity statistics is caught there. */
    @Test
    void theKindsMustBeTheStoredConfigs() {
        byte[] b = changed(TinyRuns.trained(TinyRuns.REGRESSION, "data.train.normalize=none"), f -> f.header().put("normalize", "standard"));
        assertEquals(invalid("normalize is standard, but the stored config's data.train.normalize is none (must be the same)"), modelRefusal(b));
    }

    @Test
    void classesAreDistinctNamesOfOneLabelColumn() {
        assertEquals(invalid("classes[2] is \"x\" again (class names must be distinct)"),
                refusal(changed(LABELS, f -> f.header().put("classes", List.of("x", "y", "x")))));
        assertEquals(invalid("classes[1] is \"\" (must be a class name)"), refusal(changed(LABELS, f -> f.header().put("classes", List.of("x", "", "z")))));
        assertEquals(invalid("classes is [] (must name at least one class, or be null for numeric targets)"),
                refusal(changed(LABELS, f -> f.header().put("classes", List.of()))));
        assertEquals(invalid("targets has 2 names, but classes come from one label column (must be 1)"),
                refusal(changed(LABELS, f -> f.header().put("targets", List.of("label", "other")))));
        assertEquals(invalid("targets has 1 name, but the network has 2 outputs (must be one per output)"), modelRefusal(changed(REGRESSION, f -> {
            withoutTargetStatistics(f);
            f.header().put("targets", List.of("y0"));
        })));
    }

    @Test
    void weightsAreFiniteOnceTrainedAndBestWeightsCoverEveryParameter() {
        assertEquals(invalid("param/layers.1.bias[1] is NaN (must be finite: training would have stopped)"),
                refusal(changed(REGRESSION, f -> f.set("param/layers.1.bias", 1, Double.NaN))));
        assertEquals(invalid("best_weights[16] is -Infinity (must be finite: they were copied from finite weights)"),
                refusal(changed(REGRESSION, f -> f.set(Checkpoint.BEST, 16, Double.NEGATIVE_INFINITY))));
        assertEquals(invalid("best_weights has shape [16] (must be [17]: one value per parameter)"),
                refusal(changed(REGRESSION, f -> f.array(Checkpoint.BEST).put("shape", List.of(16L)))));
    }
}
