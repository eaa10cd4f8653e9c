package nn.core.train;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.config.ConfigException;
import nn.core.config.Node;
import nn.core.data.Dataset;
import nn.core.data.Normalizer;
import nn.core.data.Progress;
import nn.core.data.SourceSpec;
import nn.core.data.Sources;
import nn.core.spi.Loss;
import nn.core.tensor.DType;
import nn.core.tensor.Parallel;
import nn.core.tensor.Rng;

/**
 * A config made ready to run: the network built, the data read, split and normalized with statistics from the
 * training rows only: the features by {@code normalize}, numeric targets by {@code normalize_targets} (the network
 * then learns the normalized targets; {@link Metrics} and {@code nn predict} invert that for what they report).
 */
public final class Experiment {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Sources.class);
    private final Config config;
    private final Network network;
    private final Loss loss;
    private final boolean classification;
    private final Dataset train, validation, test;
    private final Normalizer normalizer, targetNormalizer;
    private final WarmUp warmUp;
    private final double loadSeconds;
    private final List<String> loaded;
    private final double[] classWeights;

    private Experiment(Config config, Network network, Dataset train, Dataset validation, Dataset test, Normalizer normalizer,
                       Normalizer targetNormalizer, WarmUp warmUp, double loadSeconds, double[] classWeights, List<String> loaded) {
        this.loaded = List.copyOf(loaded);
        this.targetNormalizer = targetNormalizer;
        this.loadSeconds = loadSeconds;
        this.config = config;
        this.network = network;
        this.classWeights = classWeights;
        this.loss = loss(config, classWeights);
        this.classification = config.loss().provider().classification();
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.normalizer = normalizer;
        this.warmUp = warmUp;
    }

    /** The config's loss, weighted by classWeights (one per class, in output order) unless that is null. */
    public static Loss loss(Config config, double[] classWeights) {
        Loss base = config.loss().provider().create(config.loss().params());
        return classWeights == null ? base : new ClassWeighted(base, classWeights);
    }

    /** loss.class_weights, one per class in output order, as computed from the training rows; null without. */
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /**
     * loss.class_weights as one weight per class in output order, or null: {@code balanced} is scikit-learn's
     * n / (k · count_c) over the training rows, a mapping gives some classes a weight (the rest 1).
     */
    private static double[] classWeights(Config c, Dataset train, long[] counted) {
        nn.core.config.Node spec = c.classWeights();
        if (spec == null) return null;
        if (!c.loss().provider().name().equals("cross_entropy") || train == null || train.classes() == null) {
            throw new ConfigException(spec.loc(), "loss.class_weights: weights classes of cross_entropy on class labels (the loss is "
                    + c.loss().provider().name() + (train != null && train.classes() == null ? ", the targets are numbers" : "") + ")");
        }
        List<String> classes = train.classes();
        double[] w = new double[classes.size()];
        if (spec instanceof nn.core.config.Node.Mapping m) {
            java.util.Arrays.fill(w, 1.0);
            for (var en : m.entries().entrySet()) {
                int k = classes.indexOf(en.getKey());
                if (k < 0) {
                    throw new ConfigException(m.keyLoc(en.getKey()), "loss.class_weights: no class '" + en.getKey() + "' (the classes are "
                            + String.join(", ", classes) + ")");
                }
                w[k] = nn.core.config.Cfg.real(en.getValue(), "loss.class_weights." + en.getKey(), 0, Double.MAX_VALUE);
            }
            return w;
        }
        long[] count = counted != null ? counted : new long[classes.size()];
        if (counted == null) for (int r = 0; r < train.n(); r++) count[train.label(r)]++;
        for (int k = 0; k < w.length; k++) {
            if (count[k] == 0) {
                throw new ConfigException(spec.loc(), "loss.class_weights: balanced, but class '" + classes.get(k)
                        + "' has no training row (give the weights as {class: weight, …})");
            }
            w[k] = (double) train.n() / (classes.size() * count[k]);
        }
        return w;
    }

    /** Seconds that {@link #prepare} took: reading the data and building the network. */
    /**
     * Logs what was read ("loading FILE: …"), once the caller's checks have passed too: a config or checkpoint
     * mistake found after the data loaded is then the only line on stderr.
     */
    public void announce() {
        for (String line : loaded) log.info(line);
    }

    public double loadSeconds() {
        return loadSeconds;
    }

    /** Ends the JIT warm-up that prepare started, if any: the run itself is about to use the processors. */
    void stopWarmUp() {
        if (warmUp != null) warmUp.stop();
    }

    /** Builds the network and reads every data source of the config. */
    public static Experiment prepare(Config c, InputStream stdin) {
        return prepare(c, stdin, false);
    }

    /**
     * {@link #prepare(Config, InputStream)} for a training run: with warmUp, large networks have the JIT compile
     * their hot path on another thread while the data loads ({@link WarmUp}).
     */
    public static Experiment prepare(Config c, InputStream stdin, boolean warmUp) {
        return prepare(c, stdin, warmUp, Progress.NONE);
    }

    /** {@link #prepare(Config, InputStream, boolean)}, showing the progress of reading large files. */
    public static Experiment prepare(Config c, InputStream stdin, boolean warmUp, Progress progress) {
        return prepare(c, stdin, warmUp, progress, null);
    }

    /**
     * {@link #prepare(Config, InputStream, boolean, Progress)}, taking data sources from cache when given: those an
     * earlier run of this process read are not read again ({@code nn sweep}). A thread with an execution context of
     * its own ({@link Parallel#bound()}) keeps it; otherwise training.threads sizes the process-wide one.
     */
    public static Experiment prepare(Config c, InputStream stdin, boolean warmUp, Progress progress, DataCache cache) {
        return prepare(c, stdin, warmUp, progress, cache, null);
    }

    /**
     * As {@link #prepare(Config, InputStream, boolean, Progress, DataCache)}, with tables to read a data.train that
     * is read through Spark (null: such a source is refused, naming --engine spark).
     */
    public static Experiment prepare(Config c, InputStream stdin, boolean warmUp, Progress progress, DataCache cache, nn.core.data.Tables tables) {
        long start = System.nanoTime();
        if (!Parallel.bound()) Parallel.threads(c.training().threads());
        Config.Data d = c.data();
        int nout = c.outputs();
        int batch = Math.max(1, c.training().batchSize());
        // With model.inputs declared the warm-up can overlap the training data's loading too; its shadow network is
        // then built first, else only once the real one shows that warming up is wanted.
        boolean early = warmUp && c.declaredInputs() > 0;
        Network shadow = early ? c.network(c.declaredInputs()) : null;
        WarmUp warming = early && WarmUp.wanted(shadow, batch) ? WarmUp.start(c, shadow, batch) : null;
        SourceSpec trainSpec = d.train();
        if (trainSpec != null && trainSpec.stream()) {
            if (!warmUp) trainSpec = trainSpec.inMemory(); // only nn train streams; grad, draw and the rest read the rows
            else if (d.validation().split() > 0 || d.test().split() > 0) {
                throw new ConfigException(trainSpec.loc(), trainSpec.path() + ".stream: rows streamed from disk cannot be split off"
                        + " (give data.validation and data.test files of their own)");
            }
        }
        List<String> loaded = new ArrayList<>();
        nn.core.data.Tables.Summary remote = null;
        if (trainSpec != null && trainSpec.table() != null) {
            if (tables == null) {
                throw new ConfigException(trainSpec.loc(), trainSpec.path() + ": " + trainSpec.table().uri() + " is read through Apache Spark: add --engine spark"
                        + " (and training.shards=S; docs/spark.md)");
            }
            for (Config.HeldOut h : List.of(d.validation(), d.test())) {
                if (h.split() > 0) {
                    throw new ConfigException(h.loc(), "rows read through Spark cannot be split off here (they stay on the executors): give held-out"
                            + " rows a file of their own");
                }
            }
            remote = tables.read(trainSpec, c, nout);
            loaded.add("reading " + trainSpec.table().uri() + " through Spark: " + remote.data().n() + " rows × " + remote.data().nin() + " features");
        }
        Dataset train = trainSpec == null ? null : remote != null ? remote.data()
                : load(trainSpec, c.declaredInputs(), nout, null, stdin, narrow(c), progress, loaded, cache);
        Network net = c.network(train == null ? -1 : train.nin());
        if (warmUp && !early && WarmUp.wanted(net, batch)) warming = WarmUp.start(c, c.network(net.nin()), batch);
        if (train != null) {
            if (train.classes() != null && train.classes().size() == 1) {
                throw new ConfigException(trainSpec.loc(), trainSpec.path() + ": every row has the class '" + train.classes().get(0)
                        + "': a classifier needs rows of 2 or more classes");
            }
            checkTargets(trainSpec, train, net);
            if (c.loss().provider().classification() && train.classes() == null && !train.remote()) {
                checkProbabilities(trainSpec, train, c.loss().provider().name());
            }
        }
        List<String> classes = train == null ? null : train.classes();
        double trainScale = trainSpec == null ? 0 : trainSpec.scale();
        Dataset validation = null, test = null;
        if (d.test().split() > 0 && train != null) {
            Dataset[] parts = split(train, d.test().split(), Rng.derive(c.seed(), "test-split"));
            checkSplit(d.test(), "data.test.split", parts);
            train = parts[0];
            test = parts[1];
        } else if (d.test().source() != null) {
            test = loadLike(d.test().source(), net, classes, train, trainScale, stdin, narrow(c), progress, loaded, cache);
        }
        if (d.validation().split() > 0 && train != null) {
            Dataset[] parts = split(train, d.validation().split(), Rng.derive(c.seed(), "split"));
            checkSplit(d.validation(), "data.validation.split", parts);
            train = parts[0];
            validation = parts[1];
        } else if (d.validation().source() != null) {
            validation = loadLike(d.validation().source(), net, classes, train, trainScale, stdin, narrow(c), progress, loaded, cache);
        }
        Normalizer norm = train == null ? Normalizer.fit("none", emptyLike(net)) : remote != null ? remote.normalizer() : Normalizer.fit(d.normalize(), train);
        Normalizer targetNorm = train == null ? Normalizer.none(net.nout()) : remote != null ? remote.targetNormalizer()
                : Normalizer.fitTargets(d.normalizeTargets(), train);
        if (train != null) train = train.normalized(norm, targetNorm);
        if (validation != null) validation = validation.normalized(norm, targetNorm);
        if (test != null) test = test.normalized(norm, targetNorm);
        double[] weights = classWeights(c, train, remote != null ? remote.classCounts() : null);
        return new Experiment(c, net, train, validation, test, norm, targetNorm, warming, (System.nanoTime() - start) / 1e9, weights, loaded);
    }

    /** Whether the features are held as float32 even where that rounds them: when the layers compute in float32. */
    private static boolean narrow(Config c) {
        return c.dtype() == DType.FLOAT32;
    }

    private static Dataset emptyLike(Network net) {
        return new Dataset("", new double[0], new double[0], 0, net.nin(), net.nout(), List.of(), List.of(), null);
    }

    /**
     * Sources.load, timed: what it read is said in loaded, to be logged once every check has passed ({@link #announce}).
     * With a cache, a source read before is taken from it (and not said again).
     */
    private static Dataset load(SourceSpec s, int nin, int nout, List<String> classes, InputStream stdin, boolean narrow, Progress progress,
                                List<String> loaded, DataCache cache) {
        java.util.function.Supplier<Dataset> read = () -> {
            long t0 = System.nanoTime();
            Dataset d = Sources.load(s, nin, nout, classes, stdin, narrow, progress);
            String line = Sources.loaded(s, d, (System.nanoTime() - t0) / 1e9);
            if (line != null) loaded.add(line);
            return d;
        };
        return cache == null ? read.get() : cache.get(s, nin, nout, classes, narrow, read);
    }

    private static Dataset loadLike(SourceSpec s, Network net, List<String> classes, Dataset train, double trainScale, InputStream stdin,
                                    boolean narrow, Progress progress, List<String> loaded, DataCache cache) {
        SourceSpec like = s;
        if (s.scale() == 0 && trainScale != 0) like = s.withScale(trainScale);
        if (s.inline() == null && s.arrays() == null && train != null && s.features().isEmpty() && s.targets().isEmpty()
                && s.target() == null) {
            boolean labels = train.classes() != null;
            like = new SourceSpec(s.path(), s.loc(), null, s.csv(), s.stdin(), train.features(),
                    labels ? List.of() : train.targets(), labels ? train.targets().get(0) : null, s.delimiter(), null, like.scale(), false);
        }
        Dataset out = load(like, net.nin(), net.nout(), classes, stdin, narrow, progress, loaded, cache);
        checkTargets(s, out, net);
        if (out.nin() != net.nin()) {
            throw new ConfigException(s.loc(), s.path() + ": " + out.nin() + " feature columns, but the model has " + net.nin() + " inputs");
        }
        return out;
    }

    /** A split that leaves no rows on either side trains on nothing, or measures nothing: refused, with the counts. */
    private static void checkSplit(Config.HeldOut h, String key, Dataset[] parts) {
        int n = parts[0].n() + parts[1].n();
        if (parts[0].n() == 0 || parts[1].n() == 0) {
            throw new ConfigException(h.loc(), key + ": " + h.split() + " of " + n + (n == 1 ? " row" : " rows") + " leaves "
                    + (parts[0].n() == 0 ? "no training rows" : "no held-out rows") + " (give a fraction that leaves rows on both sides, or more data)");
        }
    }

    /**
     * Numeric targets of a classification loss are probabilities (one-hot rows, or soft labels): a value outside
     * [0, 1] cannot be one, and would train to a wrong answer without a word. Named at the value for inline rows.
     */
    private static void checkProbabilities(SourceSpec s, Dataset d, String loss) {
        if (d.chunks() != null) return; // streamed: its rows are not at hand
        for (int r = 0; r < d.n(); r++) {
            for (int k = 0; k < d.nout(); k++) {
                double t = d.target(r, k);
                if (t >= 0 && t <= 1) continue;
                String what = ": " + (t == Math.rint(t) && Math.abs(t) < 1e15 ? Long.toString((long) t) : Double.toString(t)) + " is not a probability (" + loss + " needs targets in [0, 1]: 0/1 labels or"
                        + " probabilities; for class names give target: COLUMN)";
                if (s.inline() != null && s.inline().items().get(r) instanceof Node.Seq row) {
                    throw new ConfigException(row.items().get(d.nin() + k).loc(), s.path() + ".inline[" + r + "][" + (d.nin() + k) + "]" + what);
                }
                throw new ConfigException(s.loc(), s.path() + ": row " + (r + 1) + ", column '" + d.targets().get(k) + "'" + what);
            }
        }
    }

    private static void checkTargets(SourceSpec s, Dataset d, Network net) {
        if (d.n() == 0) throw new ConfigException(s.loc(), s.path() + ": no data rows" + (s.csv() != null ? " (the file has a header only)" : ""));
        if (d.nout() != net.nout()) {
            String what = d.classes() != null ? d.classes().size() + " classes " + d.classes() : d.nout() + " target columns";
            throw new ConfigException(s.loc(), s.path() + ": the data has " + what + ", but the last layer has " + net.nout()
                    + " units (make them equal)");
        }
    }

    /**
     * Splits off a seeded fraction for validation; stratified by class when the targets are class labels
     * (each class contributes round(fraction · its count) rows).
     */
    static Dataset[] split(Dataset d, double fraction, Rng rng) {
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < d.n(); r++) groups.computeIfAbsent(d.classes() != null ? d.label(r) : 0, k -> new ArrayList<>()).add(r);
        List<Integer> trainIdx = new ArrayList<>(), valIdx = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            int[] idx = g.stream().mapToInt(Integer::intValue).toArray();
            rng.shuffle(idx, idx.length);
            int nv = (int) Math.round(fraction * idx.length);
            for (int i = 0; i < idx.length; i++) (i < nv ? valIdx : trainIdx).add(idx[i]);
        }
        trainIdx.sort(null);
        valIdx.sort(null);
        int[] ti = trainIdx.stream().mapToInt(Integer::intValue).toArray(), vi = valIdx.stream().mapToInt(Integer::intValue).toArray();
        return new Dataset[] {d.select(ti, ti.length), d.select(vi, vi.length)};
    }

    public Config config() {
        return config;
    }

    public Network network() {
        return network;
    }

    public Loss loss() {
        return loss;
    }

    public boolean classification() {
        return classification;
    }

    /** The training rows (after any validation split), normalized; null when the config has none. */
    public Dataset train() {
        return train;
    }

    public Dataset validation() {
        return validation;
    }

    public Dataset test() {
        return test;
    }

    public Normalizer normalizer() {
        return normalizer;
    }

    /** What the targets were normalized by (kind none for class labels, or when normalize_targets is none). */
    public Normalizer targetNormalizer() {
        return targetNormalizer;
    }

    public List<String> classes() {
        return train == null ? null : train.classes();
    }
}
