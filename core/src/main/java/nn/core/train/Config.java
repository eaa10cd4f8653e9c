package nn.core.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nn.core.config.Cfg;
import nn.core.config.ConfigException;
import nn.core.config.Loc;
import nn.core.config.Node;
import nn.core.config.Overrides;
import nn.core.config.Yaml;
import nn.core.data.Normalizer;
import nn.core.data.SourceSpec;
import nn.core.spi.Layer;
import nn.core.spi.LossProvider;
import nn.core.spi.OptimizerProvider;
import nn.core.tensor.DType;
import nn.core.tensor.Rng;

/**
 * A validated config: every key read and checked in one place, with defaults filled into {@link #tree()} so that
 * the resolved config can be printed and stored beside a model.
 */
public final class Config {
    /** Learning-rate schedule, stepped once per epoch as torch.optim.lr_scheduler does. */
    public record Schedule(String type, long stepSize, double gamma, long tMax, double etaMin, long warmupEpochs) {}

    public record EarlyStopping(long patience, double minDelta) {}

    /**
     * @param threads worker threads for the kernels, 0 for one per processor; results do not depend on it
     * @param shards  the fixed shards each global batch is split into, their gradients summed in shard order
     *                ({@link Shards}); 1 trains on whole batches
     */
    public record Training(long epochs, int batchSize, boolean shuffle, Schedule schedule, double clipNorm,
                           EarlyStopping earlyStopping, int threads, int shards) {}

    /**
     * Held-out rows: a source of their own, or a fraction split off the training rows; neither (null, 0) for none.
     */
    public record HeldOut(SourceSpec source, double split, Loc loc) {}

    /**
     * The data sources; the test rows are split off first, then the validation rows from what is left.
     *
     * @param normalize        how the features are normalised ({@link Normalizer#KINDS})
     * @param normalizeTargets how numeric targets are normalised for training; always none for class labels
     */
    public record Data(SourceSpec train, HeldOut validation, HeldOut test, String normalize, String normalizeTargets) {}

    public record Checkpoint(String dir, long every, long keepLast, boolean saveBest) {}

    private final Path file;
    private final Node.Mapping tree;
    private final String name;
    private final long seed;
    private final DType dtype;
    private final Plugins.Resolved<LossProvider> loss;
    /** Where the loss is named, for messages about the loss and the output layer together. */
    private final Loc lossLoc;
    private Node classWeights;
    private final Plugins.Resolved<OptimizerProvider> optimizer;
    private final Training training;
    private final Data data;
    private final Checkpoint checkpoint;
    private final Plugins plugins;

    private Config(Path file, Node.Mapping tree, Plugins plugins) {
        this.file = file;
        this.tree = tree;
        Cfg root = new Cfg(tree, "");
        // A misspelt section (modle:) is named before anything finds the real one missing.
        // sweep: is nn sweep's grid (nn.cli.Sweep reads it); a single run ignores it.
        root.known("name", "seed", "dtype", "model", "loss", "optimizer", "training", "data", "checkpoint", "plugins", "sweep");
        root.finish();
        this.plugins = plugins.with(pluginJars(root)).searching(file.toAbsolutePath().getParent());
        String base = file.getFileName() == null ? "config" : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        name = root.string("name", base);
        seed = root.integer("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        String type = root.string("dtype", DType.FLOAT64.yamlName());
        dtype = DType.of(type);
        if (dtype == null) throw root.error("dtype", "unknown dtype '" + type + "' " + nn.core.Names.suggest(type, DType.names()));
        Cfg model = root.section("model");
        model.known("inputs", "layers");
        model.finish();
        if (model.has("inputs")) model.requiredInteger("inputs", 1, Integer.MAX_VALUE); // before data are read against it
        if (model.list("layers").isEmpty()) {
            String example = "a list of layers, e.g. - {units: 4, activation: tanh}";
            throw model.has("layers") ? model.error("layers", "no layers (expected " + example + ")") : model.missing("layers", example);
        }
        root.node("loss");
        if (!root.has("loss")) root.string("loss", "mse");
        Node lossNode = root.node("loss");
        if (lossNode instanceof Node.Mapping m && m.get("class_weights") != null) {
            // loss.class_weights is nn's, not the provider's: the provider resolves the rest
            classWeights = m.get("class_weights");
            Node.Mapping rest = new Node.Mapping(m.loc());
            m.entries().forEach((k, v) -> {
                if (!k.equals("class_weights")) rest.put(k, m.keyLoc(k), v);
            });
            lossNode = rest;
            boolean balanced = classWeights instanceof Node.Scalar s && s.text().equals("balanced");
            if (!balanced && !(classWeights instanceof Node.Mapping)) {
                throw new ConfigException(classWeights.loc(), "loss.class_weights: expected balanced or {class: weight, …}, found "
                        + Yaml.describe(classWeights));
            }
        }
        lossLoc = lossNode.loc();
        MissingProviders.check(tree, this.plugins);
        loss = Plugins.resolve(this.plugins.losses, lossNode, "loss", "type");
        if (!root.has("optimizer")) root.string("optimizer", "sgd");
        optimizer = Plugins.resolve(this.plugins.optimizers, root.node("optimizer"), "optimizer", "type");
        optimizer.provider().create(optimizer.params(), List.of()); // checks the parameters' ranges now
        training = training(root.section("training"));
        data = data(root.section("data"));
        checkpoint = checkpoint(root.section("checkpoint"), training.epochs());
        root.finish();
    }

    /**
     * plugins: [PATH, …]: provider jars (or folders of them) this config needs, relative to the config's folder,
     * loaded beside those of --plugins and NN_PLUGIN_PATH.
     */
    private List<Path> pluginJars(Cfg root) {
        List<Path> jars = new ArrayList<>();
        Node n = root.node("plugins");
        List<Node> items = n instanceof Node.Seq s ? s.items() : n == null ? List.of() : List.of(n);
        Path dir = file.toAbsolutePath().getParent();
        for (Node item : items) {
            if (!(item instanceof Node.Scalar s) || s.kind() == Node.Scalar.Kind.NULL) {
                throw new ConfigException(item.loc(), "plugins: expected a list of jar files or folders, found " + Yaml.describe(item));
            }
            jars.addAll(PluginJars.expand(List.of(dir.resolve(s.text()).normalize()), item.loc() + ": plugins:"));
        }
        return jars;
    }

    /** Reads a config file and applies KEY=VALUE overrides. */
    public static Config load(Path file, List<String> overrides, Plugins plugins) {
        Node.Mapping tree = Yaml.readFile(file);
        Overrides.apply(tree, overrides);
        return new Config(file, tree, plugins);
    }

    /** A config from a tree already read (e.g. stored in a checkpoint); relative paths resolve against file's folder. */
    public static Config of(Path file, Node.Mapping tree, Plugins plugins) {
        return new Config(file, tree, plugins);
    }

    private static Training training(Cfg t) {
        long epochs = t.integer("epochs", 1, 0, Long.MAX_VALUE);
        int batch = (int) t.integer("batch_size", 1, 1, Integer.MAX_VALUE);
        boolean shuffle = t.bool("shuffle", true);
        Cfg s = t.section("schedule");
        String type = s.string("type", "constant");
        List<String> kinds = List.of("constant", "step", "exponential", "cosine");
        if (!kinds.contains(type)) throw s.error("type", "unknown schedule '" + type + "' " + nn.core.Names.suggest(type, kinds));
        Schedule schedule = new Schedule(type,
                s.integer("step_size", 10, 1, Long.MAX_VALUE),
                s.real("gamma", 0.1, 0, Double.POSITIVE_INFINITY),
                s.integer("t_max", Math.max(1, epochs), 1, Long.MAX_VALUE),
                s.real("eta_min", 0.0, 0, Double.POSITIVE_INFINITY),
                s.integer("warmup_epochs", 0, 0, Long.MAX_VALUE));
        s.finish();
        double clip = t.real("clip_norm", 0.0, 0, Double.POSITIVE_INFINITY);
        EarlyStopping es = null;
        if (t.has("early_stopping")) {
            Cfg e = t.section("early_stopping");
            es = new EarlyStopping(e.integer("patience", 10, 1, Long.MAX_VALUE), e.real("min_delta", 0.0, 0, Double.POSITIVE_INFINITY));
            e.finish();
        }
        int threads = (int) t.integer("threads", 0, 0, 1024);
        int shards = (int) t.integer("shards", 1, 1, Shards.MAX);
        if (shards > batch) throw t.error("shards", shards + " shards of a batch of " + batch + (batch == 1 ? " row" : " rows") + ": each shard needs a row of every batch"
                + " (training.shards at most training.batch_size, " + batch + ")");
        t.finish();
        return new Training(epochs, batch, shuffle, schedule, clip, es, threads, shards);
    }

    private Data data(Cfg d) {
        SourceSpec train = d.has("train") ? source(d.section("train"), true) : null;
        String normalize = "none", normalizeTargets = "none";
        if (train != null) {
            Cfg tc = new Cfg((Node.Mapping) d.mapping().get("train"), "data.train");
            normalize = kind(tc, "normalize", "none");
            String labels = classLabels(train);
            normalizeTargets = kind(tc, "normalize_targets", labels == null && linearOutput() ? "standard" : "none");
            if (labels != null && !normalizeTargets.equals("none")) {
                throw tc.error("normalize_targets", "'" + normalizeTargets + "' applies to numeric targets only, but " + labels
                        + " (class labels are never normalized: use none)");
            }
        }
        HeldOut validation = heldOut(d, "validation"), test = heldOut(d, "test");
        d.finish();
        return new Data(train, validation, test, normalize, normalizeTargets);
    }

    /** KEY: one of {@link Normalizer#KINDS}, dflt when absent. */
    private static String kind(Cfg c, String key, String dflt) {
        String k = c.string(key, dflt);
        if (!List.of(Normalizer.KINDS).contains(k)) throw c.error(key, "unknown '" + k + "' " + nn.core.Names.suggest(k, List.of(Normalizer.KINDS)));
        return k;
    }

    /** Why train's targets are class labels ("the loss is cross_entropy", "target: species"), or null when numeric. */
    private String classLabels(SourceSpec train) {
        if (loss.provider().classification()) return "the loss is " + loss.provider().name() + ", a classification loss";
        if (train.target() != null) return "target: " + train.target() + " is a class-label column";
        if (train.arrays() != null && train.arrays().labels()) return "the " + train.arrays().format() + " source has labels";
        return null;
    }

    /**
     * Whether the last layer with units has the identity activation (given or by default), so that its outputs can
     * take any value, as standardised targets need; a bounded output (sigmoid, tanh, relu, softmax…) keeps the targets
     * as they are by default.
     */
    private boolean linearOutput() {
        List<Node> specs = new Cfg((Node.Mapping) tree.get("model"), "model").list("layers");
        for (int i = specs.size() - 1; i >= 0; i--) {
            if (specs.get(i) instanceof Node.Mapping m && m.get("units") != null) {
                Node a = m.get("activation");
                if (a instanceof Node.Mapping am) a = am.get("type");
                return a == null || a instanceof Node.Scalar s && (s.kind() == Node.Scalar.Kind.NULL || s.text().equals("identity"));
            }
        }
        return false;
    }

    /** data.KEY: {split: F} or a source; absent is none. */
    private HeldOut heldOut(Cfg d, String key) {
        if (!d.has(key)) return new HeldOut(null, 0, d.loc());
        Cfg v = d.section(key);
        if (!v.has("split")) return new HeldOut(source(v, false), 0, v.loc());
        double split = v.requiredReal("split", 0, 0.9);
        Loc at = v.node("split").loc();
        v.finish();
        return new HeldOut(null, split, at);
    }

    private SourceSpec source(Cfg s, boolean isTrain) {
        if (isTrain) s.known("normalize", "normalize_targets");
        Path dir = file.toAbsolutePath().getParent();
        if (s.has("inline")) {
            Node n = s.node("inline");
            if (!(n instanceof Node.Seq seq)) throw s.error("inline", "expected a list of rows [[inputs..., targets...], ...]");
            s.finish();
            return new SourceSpec(s.path(), s.loc(), seq, null, false, List.of(), List.of(), null, ',');
        }
        for (String format : List.of("idx", "npy", "npz")) {
            if (s.has(format)) return arrays(s, format, dir);
        }
        if (!s.has("csv") && !s.has("parquet")) {
            throw s.missingOneOf(List.of("inline", "csv", "idx", "npy", "npz", "parquet"), "{inline: [[...]]}, {csv: path, ...}, {idx: {images: path,"
                    + " labels: path}}, {npy: {features: path, labels: path}}, {npz: {file: path, features: name, labels: name}} or {parquet: path, ...}"
                    + " (read through Spark)");
        }
        boolean parquet = s.has("parquet");
        String path = s.requiredString(parquet ? "parquet" : "csv");
        List<String> features = s.node("features") instanceof Node.Scalar f && f.text().equals("rest") ? List.of() : s.strings("features");
        List<String> targets = s.strings("targets");
        String target = s.string("target", null);
        if (target != null && !targets.isEmpty()) throw s.error("target", "give either target (a class-label column) or targets (numeric columns), not both");
        String delim = s.string("delimiter", ",");
        if (delim.equals("\\t") || delim.equalsIgnoreCase("tab")) delim = "\t";
        if (delim.length() != 1 || delim.charAt(0) >= 128 || delim.equals("\"") || delim.equals("\n") || delim.equals("\r")) {
            throw s.error("delimiter", "expected one ASCII character other than a quote or a line end, found '" + delim + "'");
        }
        boolean spark = parquet || s.bool("spark", false);
        if (spark) {
            if (!isTrain) throw s.error(parquet ? "parquet" : "spark", "rows read through Spark are for data.train; give held-out rows as a file nn reads (csv, npy, …)");
            if (path.equals("-")) throw s.error(parquet ? "parquet" : "csv", "rows read through Spark come from a path or URI, not standard input");
            double scale = scale(s);
            s.finish();
            String uri = path.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") ? path : dir.resolve(path).normalize().toUri().toString();
            return new SourceSpec(s.path(), s.loc(), null, null, false, features, targets, target, delim.charAt(0), null, scale, false,
                    new SourceSpec.Table(parquet ? "parquet" : "csv", uri, delim.charAt(0)));
        }
        boolean stdin = path.equals("-");
        double scale = scale(s);
        boolean stream = isTrain && s.bool("stream", false);
        if (stream && stdin) throw s.error("stream", "standard input cannot be read again every epoch: save it to a file first");
        if (stream && path.endsWith(".gz")) throw s.error("stream", "a gzip'd file cannot be read by position: gunzip it first");
        s.finish();
        return new SourceSpec(s.path(), s.loc(), null, stdin ? null : dir.resolve(path).normalize(), stdin,
                features, targets, target, delim.charAt(0), null, scale, stream);
    }

    /** scale: S, what the features are divided by; 0 when absent (see {@link SourceSpec#scale()}). */
    private static double scale(Cfg s) {
        return s.has("scale") ? s.real("scale", 1.0, Double.MIN_VALUE, Double.POSITIVE_INFINITY) : 0;
    }

    /** An array source: idx: {images, labels}; npy: {features, labels|targets}; npz: {file, features, labels|targets}. */
    private static SourceSpec arrays(Cfg s, String format, Path dir) {
        Cfg a = s.section(format);
        SourceSpec.ArrayFiles files;
        if (format.equals("idx")) {
            files = new SourceSpec.ArrayFiles(format, dir.resolve(a.requiredString("images")).normalize(),
                    dir.resolve(a.requiredString("labels")).normalize(), List.of(), true);
        } else {
            boolean labels = a.has("labels");
            if (labels && a.has("targets")) throw a.error("targets", "give either labels (class labels) or targets (numbers), not both");
            if (!labels && !a.has("targets")) throw a.missing("labels", "labels: PATH (class labels) or targets: PATH (numbers)");
            String t = a.requiredString(labels ? "labels" : "targets"), x = a.requiredString("features");
            if (format.equals("npy")) {
                files = new SourceSpec.ArrayFiles(format, dir.resolve(x).normalize(), dir.resolve(t).normalize(), List.of(), labels);
            } else {
                Path npz = dir.resolve(a.requiredString("file")).normalize();
                files = new SourceSpec.ArrayFiles(format, npz, npz, List.of(x, t), labels);
            }
        }
        a.finish();
        double scale = scale(s);
        s.finish();
        return new SourceSpec(s.path(), s.loc(), null, null, false, List.of(), List.of(), null, ',', files, scale, false);
    }

    /** every defaults to ⌈epochs/20⌉: about 20 checkpoints a run, however short its epochs. */
    private static Checkpoint checkpoint(Cfg c, long epochs) {
        Checkpoint out = new Checkpoint(c.string("dir", null), c.integer("every", Math.max(1, (epochs + 19) / 20), 0, Long.MAX_VALUE),
                c.integer("keep_last", 3, 1, Long.MAX_VALUE), c.bool("save_best", true));
        c.finish();
        return out;
    }

    /**
     * Builds the network: weights and biases drawn (or set) in order, layer by layer, from the config's seed.
     *
     * @param inferredInputs the data's feature count, used (and filled into the tree) when model.inputs is absent; -1 for none
     */
    public Network network(int inferredInputs) {
        Cfg model = new Cfg((Node.Mapping) tree.get("model"), "model");
        long nin;
        if (model.has("inputs") || inferredInputs < 0) {
            nin = model.requiredInteger("inputs", 1, Integer.MAX_VALUE);
        } else {
            nin = model.integer("inputs", inferredInputs, 1, Integer.MAX_VALUE);
        }
        if (inferredInputs >= 0 && nin != inferredInputs) {
            throw model.error("inputs", nin + " does not match the data, which has " + inferredInputs + " feature columns");
        }
        Rng init = Rng.derive(seed, "init");
        Rng train = Rng.derive(seed, "dropout");
        List<Layer> layers = new ArrayList<>();
        int width = (int) nin;
        List<Node> specs = model.list("layers");
        for (int i = 0; i < specs.size(); i++) {
            Node n = specs.get(i);
            if (!(n instanceof Node.Mapping m)) {
                throw new ConfigException(n.loc(), "model.layers[" + i + "]: expected a mapping such as {units: 4, activation: tanh}, found " + Yaml.describe(n));
            }
            Layer l = LayerBuilder.build(plugins, new Cfg(m, "model.layers[" + i + "]"), width, init, train);
            layers.add(l);
            width = l.nout();
        }
        checkOutput(layers, specs);
        Network net = new Network((int) nin, layers, train);
        net.dtype(dtype);
        return net;
    }

    /**
     * Refuses a loss after an output layer it cannot be right for ({@link nn.core.spi.LossProvider#wrongOutput}),
     * e.g. cross_entropy after identity or on one unit, naming both keys. The output layer is the last one with an
     * activation (a dropout after it changes nothing); a network of plugin layers without one is not checked.
     */
    private void checkOutput(List<Layer> layers, List<Node> specs) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            String f = layers.get(i).activationName();
            if (f == null) continue;
            String wrong = loss.provider().wrongOutput(f, layers.get(i).nout());
            if (wrong != null) {
                int units = layers.get(i).nout();
                throw new ConfigException(lossLoc, "loss: " + loss.provider().name() + " " + wrong + ", but model.layers[" + i + "] ("
                        + specs.get(i).loc() + ") has " + units + (units == 1 ? " unit" : " units") + " with activation " + f);
            }
            return;
        }
    }

    /** The width of the last layer, read without building the network (for inline data). */
    public int outputs() {
        List<Node> specs = new Cfg((Node.Mapping) tree.get("model"), "model").list("layers");
        for (int i = specs.size() - 1; i >= 0; i--) {
            if (specs.get(i) instanceof Node.Mapping m && m.get("units") instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.INT) {
                return (int) Cfg.integer(s, "model.layers[" + i + "].units", 1, Integer.MAX_VALUE);
            }
        }
        return 1;
    }

    /** The model's declared input count, or -1 when absent. */
    public int declaredInputs() {
        Node n = ((Node.Mapping) tree.get("model")).get("inputs");
        return n instanceof Node.Scalar s && s.kind() == Node.Scalar.Kind.INT ? (int) Cfg.integer(s, "model.inputs", 1, Integer.MAX_VALUE) : -1;
    }

    public Path file() {
        return file;
    }

    public Node.Mapping tree() {
        return tree;
    }

    public String name() {
        return name;
    }

    public long seed() {
        return seed;
    }

    /** The type the network computes in ({@code dtype}, default float64). */
    public DType dtype() {
        return dtype;
    }

    /** loss.class_weights as written (balanced, or a mapping of class name to weight), or null. */
    public Node classWeights() {
        return classWeights;
    }

    public Plugins.Resolved<LossProvider> loss() {
        return loss;
    }

    public Plugins.Resolved<OptimizerProvider> optimizer() {
        return optimizer;
    }

    public Training training() {
        return training;
    }

    public Data data() {
        return data;
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    public Plugins plugins() {
        return plugins;
    }
}
