package nn.core.checkpoint;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nn.core.checkpoint.Header.Invalid;
import nn.core.data.Normalizer;
import nn.core.train.Config;
import nn.core.train.Network;

/**
 * What every checkpoint nn writes satisfies, checked when one is read, so that a file whose checksum is right but
 * whose header lies is refused before anything uses it (docs/checkpoint.md, "What a reader checks"). Each rule is
 * one that {@link nn.core.train.Trainer}, {@link nn.core.train.Experiment} and {@link Checkpoint#of} make true for
 * every run, resumed and early-stopped ones included; each says why where that is not obvious. A broken rule is an
 * {@link Invalid} naming the field, the value found and what it must be.
 *
 * <p>{@link #check} needs only the checkpoint (every reader gets it, in {@link CheckpointFile#decode});
 * {@link #fits} holds it against the network its stored config builds ({@link Checkpoint#model}).
 */
final class Invariants {
    private Invariants() {}

    /** The checkpoint is consistent in itself. */
    static void check(Checkpoint c) {
        loop(c);
        best(c);
        kind("normalize", c.normalize());
        kind("normalize_targets", c.normalizeTargets());
        labels(c);
        normalizer(c, "normalize", c.normalize(), Checkpoint.SHIFT, Checkpoint.SCALE, c.features().size(), "features");
        if (c.arrays().containsKey(Checkpoint.TARGET_SHIFT) || c.arrays().containsKey(Checkpoint.TARGET_SCALE)) {
            boolean labels = c.classes() != null;
            normalizer(c, "normalize_targets", c.normalizeTargets(), Checkpoint.TARGET_SHIFT, Checkpoint.TARGET_SCALE,
                    labels ? c.classes().size() : c.targets().size(), labels ? "classes" : "targets");
        } else if (!c.normalizeTargets().equals("none")) {
            throw new Invalid("normalize_targets is " + Header.show(c.normalizeTargets()) + ", but there is no array "
                    + Checkpoint.TARGET_SHIFT + " (must be none, or the statistics must be there)");
        }
        parameters(c);
        buffers(c);
    }

    /**
     * Epochs, steps and the history: every epoch takes at least one optimizer step (a run with no training rows
     * stops before its first), and adds one history row whose {@code epoch} is its 1-based position (a resumed run
     * continues the stored history).
     */
    private static void loop(Checkpoint c) {
        if (c.epoch() < 0) throw new Invalid("epoch is " + c.epoch() + " (must be ≥ 0)");
        if (c.steps() < c.epoch()) {
            throw new Invalid("steps is " + c.steps() + " (must be ≥ epoch, " + c.epoch() + ": every epoch takes at least one step)");
        }
        List<Map<String, Double>> h = c.history();
        if (h.size() != c.epoch()) throw new Invalid("history has " + h.size() + " rows (must be one per epoch: " + c.epoch() + ")");
        for (int i = 0; i < h.size(); i++) {
            Double e = h.get(i).get("epoch");
            if (e == null || e != i + 1) {
                throw new Invalid("history[" + i + "]" + (e == null ? " has no epoch" : ".epoch is " + e) + " (must be " + (i + 1) + ")");
            }
        }
    }

    /**
     * Early stopping's state: the best epoch is an index into the history (-1 only before the first epoch, which is
     * always the first best); the epochs since it are at most those after it (fewer once a stopped run is resumed,
     * which counts patience afresh); and early stopping fires only after an epoch without improvement.
     */
    private static void best(Checkpoint c) {
        long lo = c.epoch() == 0 ? -1 : 0, hi = c.epoch() - 1;
        if (c.bestEpoch() < lo || c.bestEpoch() > hi) {
            throw new Invalid("best.epoch is " + c.bestEpoch() + (c.epoch() == 0 ? " (must be -1 before any epoch)"
                    : " (must be in [0, " + hi + "], an index into the history of " + c.epoch() + " epochs)"));
        }
        long most = c.epoch() - 1 - c.bestEpoch();
        if (c.sinceBest() < 0 || c.sinceBest() > most) {
            throw new Invalid("best.since is " + c.sinceBest() + " (must be in [0, " + most + "]: the epochs after best.epoch "
                    + c.bestEpoch() + " of " + c.epoch() + ")");
        }
        if (c.stoppedEarly() && c.sinceBest() == 0) {
            throw new Invalid("stopped_early is true, but best.since is 0 (early stopping fires only after an epoch without improvement)");
        }
    }

    /** Class names: one label column, distinct non-empty names (the data's), never normalised as numbers. */
    private static void labels(Checkpoint c) {
        List<String> classes = c.classes();
        if (classes == null) return;
        if (classes.isEmpty()) throw new Invalid("classes is [] (must name at least one class, or be null for numeric targets)");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < classes.size(); i++) {
            String k = classes.get(i);
            if (k.isEmpty()) throw new Invalid("classes[" + i + "] is \"\" (must be a class name)");
            if (!seen.add(k)) throw new Invalid("classes[" + i + "] is " + Header.show(k) + " again (class names must be distinct)");
        }
        if (c.targets().size() != 1) {
            throw new Invalid("targets has " + count(c.targets().size(), "name") + ", but classes come from one label column (must be 1)");
        }
        if (!c.normalizeTargets().equals("none")) {
            throw new Invalid("normalize_targets is " + Header.show(c.normalizeTargets()) + ", but the targets are class labels (must be none)");
        }
    }

    /** One of {@link Normalizer#KINDS}. */
    private static void kind(String key, String kind) {
        if (!List.of(Normalizer.KINDS).contains(kind)) {
            throw new Invalid(key + " is " + Header.show(kind) + " (must be " + String.join(", ", Normalizer.KINDS) + ")");
        }
    }

    /**
     * A {@link Normalizer}'s statistics (kind, from the key named): shift and scale one value per column; scale > 0 (a constant
     * column gets 1; +∞ where a column's spread overflows float64); shift finite once an epoch has trained on it (a
     * NaN or infinite shift makes every input NaN, and the run diverges before its first checkpoint); for kind none
     * exactly shift 0 and scale 1, which is what none stores, so that a file cannot claim none while holding
     * statistics (a reader would skip them) or the other way round.
     */
    private static void normalizer(Checkpoint c, String key, String kind, String shiftName, String scaleName, int width, String per) {
        double[] shift = vector(c, shiftName, width, per), scale = vector(c, scaleName, width, per);
        boolean none = kind.equals("none");
        for (int k = 0; k < width; k++) {
            if (!(scale[k] > 0)) throw new Invalid(scaleName + "[" + k + "] is " + scale[k] + " (must be > 0)");
            if (c.epoch() > 0 && !Double.isFinite(shift[k])) {
                throw new Invalid(shiftName + "[" + k + "] is " + shift[k] + " (must be finite: training on it would have diverged)");
            }
            if (none && shift[k] != 0) throw new Invalid(shiftName + "[" + k + "] is " + shift[k] + ", but " + key + " is none (must be 0)");
            if (none && scale[k] != 1) throw new Invalid(scaleName + "[" + k + "] is " + scale[k] + ", but " + key + " is none (must be 1)");
        }
    }

    /** The one-dimensional array name of width values, one per entry of the list per names ("features has 3 names"). */
    private static double[] vector(Checkpoint c, String name, int width, String per) {
        Checkpoint.Array a = c.arrays().get(name);
        if (a == null) throw new Invalid("no array " + name);
        if (a.shape().length != 1) throw new Invalid(name + " has shape " + ArrayTable.shape(a.shape()) + " (must be [" + width + "])");
        if (a.data().length != width) {
            throw new Invalid(name + " has " + count(a.data().length, "value") + ", but " + per + " has " + count(width, "name")
                    + " (must be one value per name)");
        }
        return a.data();
    }

    /** "1 name", "3 names". */
    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Parameters, optimizer state and best weights: the weights are finite once an epoch has trained them (the
     * trainer stops a run whose weights are not: exit code 3); optimizer state arrays are flat; the best weights,
     * taken from a network whose weights were finite, are every parameter concatenated.
     */
    private static void parameters(Checkpoint c) {
        long total = 0;
        for (Map.Entry<String, Checkpoint.Array> p : c.params().entrySet()) {
            double[] v = p.getValue().data();
            total += v.length;
            if (c.epoch() > 0) finite(Checkpoint.PARAM + p.getKey(), v, "training would have stopped");
        }
        for (Map.Entry<String, Checkpoint.Array> a : c.arrays().entrySet()) {
            if (a.getKey().startsWith(Checkpoint.OPTIMIZER) && a.getValue().shape().length != 1) {
                throw new Invalid(a.getKey() + " has shape " + ArrayTable.shape(a.getValue().shape()) + " (must be [n])");
            }
        }
        Checkpoint.Array best = c.arrays().get(Checkpoint.BEST);
        if (best == null) return;
        if (best.shape().length != 1 || best.data().length != total) {
            throw new Invalid(Checkpoint.BEST + " has shape " + ArrayTable.shape(best.shape()) + " (must be [" + total
                    + "]: one value per parameter)");
        }
        finite(Checkpoint.BEST, best.data(), "they were copied from finite weights");
    }

    /**
     * Buffers (a layer's running statistics): finite once an epoch has trained (the trainer stops a run whose buffers
     * are not, as for weights); with early stopping, {@code best_buffers} holds every buffer of the best epoch,
     * concatenated: there exactly when best_weights and buffers are, as long as the buffers together, and finite.
     */
    private static void buffers(Checkpoint c) {
        long total = 0;
        Map<String, Checkpoint.Array> buffers = c.buffers();
        for (Map.Entry<String, Checkpoint.Array> b : buffers.entrySet()) {
            total += b.getValue().data().length;
            if (c.epoch() > 0) finite(Checkpoint.BUFFER + b.getKey(), b.getValue().data(), "training would have stopped");
        }
        Checkpoint.Array best = c.arrays().get(Checkpoint.BEST_BUFFERS);
        boolean wanted = c.arrays().containsKey(Checkpoint.BEST) && !buffers.isEmpty();
        if (best == null) {
            if (wanted) {
                throw new Invalid("no array " + Checkpoint.BEST_BUFFERS + " (must be there with " + Checkpoint.BEST + " when the network has"
                        + " buffers: the best epoch's " + Checkpoint.BUFFER + "…)");
            }
            return;
        }
        if (!wanted) {
            throw new Invalid("an array " + Checkpoint.BEST_BUFFERS + (c.arrays().containsKey(Checkpoint.BEST) ? ", but no " + Checkpoint.BUFFER
                    + "… arrays" : " without " + Checkpoint.BEST) + " (it goes with " + Checkpoint.BEST + " and buffers)");
        }
        if (best.shape().length != 1 || best.data().length != total) {
            throw new Invalid(Checkpoint.BEST_BUFFERS + " has shape " + ArrayTable.shape(best.shape()) + " (must be [" + total
                    + "]: one value per buffer value)");
        }
        finite(Checkpoint.BEST_BUFFERS, best.data(), "they were copied from finite buffers");
    }

    private static void finite(String name, double[] v, String why) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) throw new Invalid(name + "[" + i + "] is " + v[i] + " (must be finite: " + why + ")");
        }
    }

    /**
     * The checkpoint against the network its stored config builds (whose parameters it has just set): one feature
     * name per input; one class per output for class labels, else one target per output; and the normalisation
     * kinds those of the stored config, which the run fitted with.
     */
    static void fits(Checkpoint c, Network net, Config config) {
        if (c.features().size() != net.nin()) {
            throw new Invalid("features has " + count(c.features().size(), "name") + ", but the network has " + count(net.nin(), "input")
                    + " (must be one per input)");
        }
        if (c.classes() != null && c.classes().size() != net.nout()) {
            throw new Invalid("classes has " + count(c.classes().size(), "name") + ", but the network has " + count(net.nout(), "output")
                    + " (must be one class per output)");
        }
        if (c.classes() == null && c.targets().size() != net.nout()) {
            throw new Invalid("targets has " + count(c.targets().size(), "name") + ", but the network has " + count(net.nout(), "output")
                    + " (must be one per output)");
        }
        if (config.data().train() == null) return;
        if (!c.normalize().equals(config.data().normalize())) {
            throw new Invalid("normalize is " + c.normalize() + ", but the stored config's data.train.normalize is "
                    + config.data().normalize() + " (must be the same)");
        }
        if (c.arrays().containsKey(Checkpoint.TARGET_SHIFT) && !c.normalizeTargets().equals(config.data().normalizeTargets())) {
            throw new Invalid("normalize_targets is " + c.normalizeTargets() + ", but the stored config's data.train.normalize_targets is "
                    + config.data().normalizeTargets() + " (must be the same)");
        }
    }
}
