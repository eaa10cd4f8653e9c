package nn.core.checkpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.BadInputException;
import nn.core.config.Node;
import nn.core.config.Yaml;
import nn.core.data.Normalizer;
import nn.core.spi.Parameter;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Network;
import nn.core.train.Plugins;
import nn.core.train.Trainer;

/**
 * Everything a training run needs to continue exactly, and a trained model needs to predict: the resolved config,
 * the parameters, the optimizer state, the loop position, both random generators, the normalization statistics
 * and class order, the metrics so far and the early-stopping state. Data only; {@link CheckpointFile} is the
 * on-disk form (docs/checkpoint.md).
 *
 * <p>Arrays are named {@code param/layers.0.weight} (one per parameter, in report order), {@code buffer/layers.1.running_mean}
 * (one per layer buffer, {@link nn.core.spi.Layer#buffers()}, in checkpoint order; none in files of networks without
 * buffers, and so in every file written before buffers existed), {@code optimizer/KEY}
 * (one per {@link nn.core.spi.Optimizer#state()} entry), {@code normalizer/shift}, {@code normalizer/scale},
 * {@code target_normalizer/shift} and {@code target_normalizer/scale} (absent from files written before targets
 * were normalised: read as none) and, when early stopping keeps them, {@code best_weights} (every parameter,
 * concatenated in report order) and, for a network with buffers, {@code best_buffers} (every buffer at that epoch,
 * concatenated in checkpoint order).
 *
 * <p>Checkpoints are taken at epoch ends only, so the data order position is the shuffle generator's state: the
 * next epoch starts a fresh shuffle from it.
 *
 * @param configFile  the config file the run was started with (relative data paths resolve against its folder)
 * @param configYaml  the resolved config ({@link Config#tree()}, defaults filled in) as YAML
 * @param epoch       epochs completed
 * @param steps       optimizer steps taken
 * @param dropoutRng  the state of {@link Network#rng()}
 * @param shuffleRng  the state of {@link Trainer#shuffleRng()}
 * @param normalizeTargets how the targets were normalised for training ({@code normalize_targets}), "none" for files
 *                    written before it was recorded
 * @param classes     the class names in output order, or null for numeric targets
 * @param bestEpoch   0-based index into history of the best epoch, -1 before any
 * @param kernel      the dense kernel that computed it ({@link nn.core.tensor.DType#kernel()}), "unknown" for files
 *                    written before it was recorded; kernels agree to the bit, so this is provenance, not a constraint
 */
public record Checkpoint(String name, String configFile, String configYaml, long epoch, long steps, long dropoutRng,
                         long shuffleRng, boolean stoppedEarly, String normalize, String normalizeTargets, List<String> features,
                         List<String> targets, List<String> classes, List<Map<String, Double>> history, long bestEpoch,
                         double bestScore, long sinceBest, String kernel, Map<String, Array> arrays) {
    public static final String PARAM = "param/", BUFFER = "buffer/", OPTIMIZER = "optimizer/", SHIFT = "normalizer/shift",
            SCALE = "normalizer/scale", TARGET_SHIFT = "target_normalizer/shift", TARGET_SCALE = "target_normalizer/scale",
            BEST = "best_weights", BEST_BUFFERS = "best_buffers";

    /** A named float64 array: flat row-major data of the given shape. */
    public record Array(int[] shape, double[] data) {
        public Array {
            long n = 1;
            for (int d : shape) n *= d;
            if (n != data.length) throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " has " + n + " elements, data " + data.length);
        }
    }

    /**
     * A model read back for inference: the config rebuilt from the stored tree and the network with its weights.
     * The network's outputs are in targetNormalizer's normalised units: {@link Normalizer#invert} gives the target's.
     */
    public record Model(Checkpoint checkpoint, Config config, Network network, Normalizer normalizer, Normalizer targetNormalizer,
                        boolean classification) {
        /** What the training data's features were divided by before normalisation ({@code scale: S}), 1 for none. */
        public double inputScale() {
            return config.data().train() == null ? 1 : config.data().train().divisor();
        }
    }

    /** A snapshot (copies) of a run at an epoch end. */
    public static Checkpoint of(Experiment e, Trainer t) {
        Map<String, Array> arrays = new LinkedHashMap<>();
        for (Network.Named n : e.network().named()) arrays.put(PARAM + n.path(), new Array(n.p().shape().clone(), n.p().data().clone()));
        for (Network.NamedBuffer b : e.network().buffers()) arrays.put(BUFFER + b.path(), new Array(b.b().shape(), b.b().data().clone()));
        t.optimizer().state().forEach((k, v) -> arrays.put(OPTIMIZER + k, new Array(new int[] {v.length}, v.clone())));
        Normalizer norm = e.normalizer();
        arrays.put(SHIFT, new Array(new int[] {norm.shift().length}, norm.shift().clone()));
        arrays.put(SCALE, new Array(new int[] {norm.scale().length}, norm.scale().clone()));
        Normalizer tn = e.targetNormalizer();
        arrays.put(TARGET_SHIFT, new Array(new int[] {tn.shift().length}, tn.shift().clone()));
        arrays.put(TARGET_SCALE, new Array(new int[] {tn.scale().length}, tn.scale().clone()));
        if (t.bestWeights() != null) arrays.put(BEST, new Array(new int[] {t.bestWeights().length}, t.bestWeights().clone()));
        if (t.bestBuffers() != null) arrays.put(BEST_BUFFERS, new Array(new int[] {t.bestBuffers().length}, t.bestBuffers().clone()));
        List<Map<String, Double>> history = new ArrayList<>();
        history.addAll(t.history().rows());
        List<String> features = e.train() != null ? e.train().features() : List.of();
        List<String> targets = e.train() != null ? e.train().targets() : List.of();
        Config c = e.config();
        return new Checkpoint(c.name(), c.file().toAbsolutePath().normalize().toString(), Yaml.dump(c.tree()), t.epoch(), t.steps(),
                e.network().rng().state(), t.shuffleRng().state(), t.stoppedEarly(), norm.kind(), tn.kind(), features, targets,
                e.classes(), history, t.bestEpoch(), t.bestScore(), t.sinceBest(), e.network().dtype().kernel(), arrays);
    }

    /** The parameter arrays by path ({@code layers.0.weight}), in report order. */
    public Map<String, Array> params() {
        return prefixed(PARAM);
    }

    /** The buffer arrays by path ({@code layers.1.running_mean}), in checkpoint order; empty for a network without buffers. */
    public Map<String, Array> buffers() {
        return prefixed(BUFFER);
    }

    private Map<String, Array> prefixed(String prefix) {
        Map<String, Array> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }

    public Normalizer normalizer() {
        return new Normalizer(normalize, array(SHIFT).data().clone(), array(SCALE).data().clone());
    }

    /** The targets' normalizer; kind none (of width 0) for a file written before targets were normalised. */
    public Normalizer targetNormalizer() {
        Array shift = arrays.get(TARGET_SHIFT), scale = arrays.get(TARGET_SCALE);
        if (shift == null || scale == null) return Normalizer.none(0);
        return new Normalizer(normalizeTargets, shift.data().clone(), scale.data().clone());
    }

    private Array array(String key) {
        Array a = arrays.get(key);
        if (a == null) throw new IllegalStateException("no array " + key);
        return a;
    }

    /** The stored config tree, parsed again; locations point into the checkpoint. */
    public Node.Mapping configTree(String file) {
        Node n = Yaml.parse(configYaml, file + " (stored config)", 0);
        if (!(n instanceof Node.Mapping m)) throw new BadInputException(file + ": the stored config is not a mapping");
        return m;
    }

    /**
     * Rebuilds the network from the stored config and sets the stored weights, after checking that the checkpoint
     * fits that network ({@link Invariants#fits}: features, classes or targets, normalisation kinds); {@link
     * CheckpointFile#decode} has checked it in itself. Callers use the model only after this returns, so a file that
     * lies is refused before anything is printed.
     */
    public Model model(Plugins plugins, String file) {
        Config c = Config.of(Path.of(configFile), configTree(file), plugins);
        Network net = c.network(-1);
        setParams(net, file);
        try {
            Invariants.fits(this, net, c);
        } catch (Header.Invalid e) {
            throw new BadInputException(file + ": not a valid checkpoint: " + e.getMessage());
        }
        return new Model(this, c, net, normalizer(), targetNormalizer(), c.loss().provider().classification());
    }

    /**
     * Copies the stored parameters and buffers into net, after checking that they are exactly the network's: each of
     * its parameters stored (as {@code param/PATH}) and each of its buffers (as {@code buffer/PATH}) with the same
     * shape, and no other. The first that is not is named. A file without buffer arrays (one written before buffers
     * existed) fits a network without buffers.
     */
    public void setParams(Network net, String file) {
        Map<String, Array> ps = params(), bs = buffers();
        List<Network.Named> named = net.named();
        List<Network.NamedBuffer> buffers = net.buffers();
        for (Network.Named n : named) fits(ps.get(n.path()), PARAM, "parameter", n.path(), n.p().shape(), file);
        for (Network.NamedBuffer b : buffers) fits(bs.get(b.path()), BUFFER, "buffer", b.path(), b.b().shape(), file);
        unexpected(ps.keySet(), named.stream().map(Network.Named::path).toList(), PARAM, "parameter", file);
        unexpected(bs.keySet(), buffers.stream().map(Network.NamedBuffer::path).toList(), BUFFER, "buffer", file);
        for (Network.Named n : named) System.arraycopy(ps.get(n.path()).data(), 0, n.p().data(), 0, n.p().size());
        for (Network.NamedBuffer b : buffers) System.arraycopy(bs.get(b.path()).data(), 0, b.b().data(), 0, b.b().size());
    }

    /** The stored array a (prefix + path) is there with the network's shape. */
    private static void fits(Array a, String prefix, String what, String path, int[] shape, String file) {
        if (a == null) {
            throw new BadInputException(file + ": not a valid checkpoint: no array " + prefix + path + " (the network its config"
                    + " builds has " + path + ", of shape " + java.util.Arrays.toString(shape) + ")");
        }
        if (!java.util.Arrays.equals(a.shape(), shape)) {
            throw new BadInputException(file + ": " + what + " " + path + " has shape " + java.util.Arrays.toString(a.shape())
                    + " in the checkpoint, but " + java.util.Arrays.toString(shape) + " in the network");
        }
    }

    /** Every stored path is one of the network's. */
    private static void unexpected(java.util.Set<String> stored, List<String> paths, String prefix, String what, String file) {
        java.util.Set<String> known = new java.util.HashSet<>(paths);
        for (String path : stored) {
            if (!known.contains(path)) {
                throw new BadInputException(file + ": not a valid checkpoint: an array " + prefix + path + " that the network its config"
                        + " builds has no " + what + " for");
            }
        }
    }

    /**
     * Puts a run back where this checkpoint was taken: parameters, optimizer state, both generators, the loop
     * position, the metrics and the early-stopping state. e and t must come from the same resolved config.
     */
    public void restore(Experiment e, Trainer t, String file) {
        setParams(e.network(), file);
        Map<String, double[]> state = t.optimizer().state();
        List<String> stored = new ArrayList<>();
        arrays.keySet().stream().filter(k -> k.startsWith(OPTIMIZER)).forEach(k -> stored.add(k.substring(OPTIMIZER.length())));
        if (!stored.equals(new ArrayList<>(state.keySet()))) {
            throw new BadInputException(file + ": optimizer state " + stored + " does not match the optimizer's " + state.keySet());
        }
        for (Map.Entry<String, double[]> s : state.entrySet()) {
            double[] v = arrays.get(OPTIMIZER + s.getKey()).data();
            if (v.length != s.getValue().length) {
                throw new BadInputException(file + ": optimizer state " + s.getKey() + " has " + v.length + " values, expected " + s.getValue().length);
            }
            System.arraycopy(v, 0, s.getValue(), 0, v.length);
        }
        e.network().rng().state(dropoutRng);
        Array best = arrays.get(BEST), bestBuffers = arrays.get(BEST_BUFFERS);
        List<Map<String, Double>> h = new ArrayList<>();
        for (Map<String, Double> m : history) h.add(new LinkedHashMap<>(m));
        t.restore(epoch, steps, shuffleRng, h, bestEpoch, bestScore, best == null ? null : best.data().clone(),
                bestBuffers == null ? null : bestBuffers.data().clone(), sinceBest);
    }
}
