package nn.core.train;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import nn.core.data.Dataset;
import nn.core.data.SourceSpec;

/**
 * Data sources read once and shared by the runs of one process ({@code nn sweep}): the rows a source gives, keyed
 * by everything that decides them — the source as the config resolves it ({@link SourceSpec}: file, columns,
 * scale, …, equal across runs of one config), the model's input and output widths, the class order, and whether
 * the features are held as float32. What a run does with the rows afterwards (splits, normalization) makes views,
 * never changes the rows, so one {@link Dataset} serves every run read-only.
 *
 * <p>Two runs that ask for the same source at once read it once: the second waits for the first. A source that
 * fails to load fails every run that asks for it, with the same error, without being read again. Sources streamed
 * from disk ({@code stream: true}) hold no rows and are not cached.
 */
public final class DataCache {
    private record Key(SourceSpec spec, int nin, int nout, List<String> classes, boolean narrow) {}

    private final Map<Key, FutureTask<Dataset>> loaded = new ConcurrentHashMap<>();

    /** The rows of spec read by load, or those an earlier call read for an equal key. */
    Dataset get(SourceSpec spec, int nin, int nout, List<String> classes, boolean narrow, Supplier<Dataset> load) {
        if (spec.stream()) return load.get();
        Key key = new Key(spec, nin, nout, classes == null ? null : List.copyOf(classes), narrow);
        FutureTask<Dataset> task = new FutureTask<>(load::get);
        FutureTask<Dataset> earlier = loaded.putIfAbsent(key, task);
        if (earlier == null) task.run();
        try {
            return (earlier != null ? earlier : task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another run read " + spec.label(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How many distinct sources have been read (or tried). */
    public int size() {
        return loaded.size();
    }
}
