package nn.cli.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import nn.core.BadInputException;

/** The engines on the class path, by name. */
public final class Engines {
    private Engines() {}

    /** Opens the engine options name for app; a one-line error when none is on the class path. */
    public static Engine open(EngineOptions o, String app) {
        List<String> names = new ArrayList<>();
        for (Engine.Provider p : ServiceLoader.load(Engine.Provider.class, Engines.class.getClassLoader())) {
            if (p.name().equals(o.engine())) return p.open(o, app);
            names.add(p.name());
        }
        if (o.engine().equals("spark")) {
            throw new BadInputException("--engine spark: nn-spark is not on the class path: build it once with 'mvn -Pspark -DskipTests install'"
                    + " (downloads Spark, about 240 MB) and run ./nn, which adds it; or submit nn-spark.jar with spark-submit (docs/spark.md)");
        }
        names.add(0, "local");
        throw new BadInputException("--engine " + o.engine() + ": unknown engine (known: " + String.join(", ", names) + ")");
    }
}
