package nn.core.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which keys of two resolved config trees ({@link nn.core.config.Node#plain()}, defaults filled in) differ, for
 * resuming. Ignored: {@code training.epochs} (a resumed run may train longer), {@code training.early_stopping} (or
 * more patiently: the weights so far do not depend on it), {@code training.threads} (results
 * do not depend on it), the {@code checkpoint} section
 * (where files go does not change the training), {@code training.schedule.t_max} when on both sides it is
 * the default, max(1, training.epochs), and {@code data.train.normalize_targets} when a checkpoint written before
 * that key existed lacks it and the current config has none (what those runs did).
 */
public final class ConfigDiff {
    private ConfigDiff() {}

    /** The dotted paths that differ ({@code model.layers[0].units}), in tree order; empty when the runs match. */
    public static List<String> differences(Object stored, Object current) {
        List<String> out = new ArrayList<>();
        walk("", stored, current, out);
        out.removeIf(k -> k.equals("training.epochs") || k.equals("training.threads") || k.equals("checkpoint") || k.startsWith("checkpoint.")
                || k.equals("training.early_stopping") || k.startsWith("training.early_stopping."));
        if (out.contains("training.schedule.t_max") && defaultTMax(stored) && defaultTMax(current)) out.remove("training.schedule.t_max");
        String nt = "data.train.normalize_targets";
        if (out.contains(nt) && at(stored, "data", "train", "normalize_targets") == null
                && "none".equals(at(current, "data", "train", "normalize_targets"))) {
            out.remove(nt);
        }
        return out;
    }

    private static boolean defaultTMax(Object tree) {
        Object epochs = at(tree, "training", "epochs"), tMax = at(tree, "training", "schedule", "t_max");
        return epochs instanceof Long e && tMax instanceof Long t && t == Math.max(1, e);
    }

    private static Object at(Object tree, String... keys) {
        Object o = tree;
        for (String k : keys) o = o instanceof Map<?, ?> m ? m.get(k) : null;
        return o;
    }

    private static void walk(String path, Object a, Object b, List<String> out) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Set<Object> keys = new LinkedHashSet<>(ma.keySet());
            keys.addAll(mb.keySet());
            for (Object k : keys) walk(path.isEmpty() ? k.toString() : path + "." + k, ma.get(k), mb.get(k), out);
        } else if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
            for (int i = 0; i < la.size(); i++) walk(path + "[" + i + "]", la.get(i), lb.get(i), out);
        } else if (!Objects.equals(a, b)) {
            out.add(path);
        }
    }
}
