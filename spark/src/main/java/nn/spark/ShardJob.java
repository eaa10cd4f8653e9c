package nn.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nn.core.config.Node;
import nn.core.config.Yaml;
import nn.core.data.Normalizer;
import nn.core.train.Config;
import nn.core.train.Experiment;
import nn.core.train.Network;
import nn.core.train.Plugins;
import nn.core.train.Shards;

/**
 * What an executor needs, besides its shards' rows and the step's parameters, to compute shard parts exactly as
 * the driver's process would: the resolved config (to build the same network and loss), the class weights and
 * target normaliser fitted on the driver, and the plan of shards. Sent with every task: a few kilobytes.
 */
record ShardJob(String id, String configFile, String configYaml, List<String> pluginJars, int nin, double[] classWeights,
                boolean classification, String kind, double[] shift, double[] scale, String targetKind, double[] targetShift,
                double[] targetScale, long seed, boolean shuffle, int shards, int rows, int batch) implements Serializable {

    static ShardJob of(Experiment e, Shards plan) {
        Config c = e.config();
        Normalizer tn = e.train().targetNormalizer(), fn = e.normalizer();
        int rows = 0;
        for (int k = 0; k < plan.count(); k++) rows += plan.rows(k);
        return new ShardJob(java.util.UUID.randomUUID().toString(), c.file().toAbsolutePath().toString(), Yaml.dump(c.tree()), c.plugins().jars().stream().map(p -> p.toAbsolutePath().toString()).toList(), e.network().nin(),
                e.classWeights(), e.classification(), fn.kind(), fn.shift(), fn.scale(), tn.kind(), tn.shift(), tn.scale(), c.seed(),
                c.training().shuffle(),
                plan.count(), rows, plan.batch());
    }

    Shards plan() {
        return new Shards(shards, rows, batch);
    }

    /** The features' normaliser (applied on the executors to rows read through Spark). */
    Normalizer normalizer() {
        return new Normalizer(kind, shift, scale);
    }

    Normalizer targetNormalizer() {
        return new Normalizer(targetKind, targetShift, targetScale);
    }

    /** The config, read back with nn's own providers and those of the plugin jars this machine has (others come with --jars). */
    Config config() {
        return Config.of(Path.of(configFile), (Node.Mapping) Yaml.parse(configYaml, configFile, 0), plugins(pluginJars));
    }

    /** nn's own providers and those of the plugin jars this machine has (on a cluster, others come on the class path, with --jars). */
    static Plugins plugins(List<String> jars) {
        List<Path> here = new ArrayList<>();
        for (String j : jars) if (Files.exists(Path.of(j))) here.add(Path.of(j));
        return Plugins.load(ShardJob.class.getClassLoader(), here);
    }

    /** A network of the config's layers (its parameters are set from each step's broadcast). */
    Network network(Config c) {
        return c.network(nin);
    }
}
