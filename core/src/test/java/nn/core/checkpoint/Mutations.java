package nn.core.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random changes to a checkpoint for the fuzz test; each returns a line saying what it did, for the failure
 * message. Header changes work on the parsed JSON: any value anywhere turned into another of its kind or of another
 * type, a key dropped or added, a list shortened, lengthened or emptied; and changes that lie in ways a careless or
 * hostile writer would (array names swapped, offsets and shapes moved, the features, classes or history edited, the
 * stored config replaced, the target statistics dropped as in older files). Data changes set float64 values to what
 * breaks arithmetic (NaN, ±∞, 0, −1, ±1e308). Byte changes flip bits or overwrite a few bytes without fixing the
 * checksum.
 */
final class Mutations {
    private Mutations() {}

    /** A place in the JSON tree: a key of an object or an index of a list. */
    private record Slot(Object parent, Object key) {
        Object get() {
            return parent instanceof Map<?, ?> m ? m.get(key) : ((List<?>) parent).get((Integer) key);
        }

        @SuppressWarnings("unchecked")
        void set(Object v) {
            if (parent instanceof Map<?, ?> m) ((Map<Object, Object>) m).put(key, v);
            else ((List<Object>) parent).set((Integer) key, v);
        }

        @SuppressWarnings("unchecked")
        void remove() {
            if (parent instanceof Map<?, ?> m) m.remove(key);
            else ((List<Object>) parent).remove((int) (Integer) key);
        }

        String path() {
            return key instanceof Integer ? "[" + key + "]" : "." + key;
        }
    }

    /** The stored configs a lying header may carry instead of its own: another network, not YAML, not a mapping. */
    private static final List<String> CONFIGS = List.of(TinyRuns.REGRESSION, TinyRuns.LABELS,
            TinyRuns.REGRESSION.replace("units: 3,", "units: 4,"), TinyRuns.LABELS.replace("units: 3, weights: 0.2", "units: 2, weights: 0.2"),
            TinyRuns.REGRESSION.replace("loss: mse", "loss: one_hot_mse"), TinyRuns.REGRESSION.replace("normalize: standard", "normalize: minmax"),
            TinyRuns.REGRESSION.replace("inputs: 2", "inputs: 3"), "{[", "- 1\n- 2\n", "", "name: x\n");

    private static final List<Object> ODD = List.of("", "none", "standard", "minmax", "zscore", "a\nb", "/", "\u0000", "NaN", "Infinity",
            0L, -1L, 1L, 3L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 31, 0.5, -0.0, 1e308, true, false, List.of(), List.of("a"), Map.of());

    /** One to three random changes to the header h (one in four times more than one, so that lies can agree). */
    static String header(Map<String, Object> h, Random r) {
        StringBuilder what = new StringBuilder();
        for (int n = r.nextInt(4) == 0 ? 2 + r.nextInt(2) : 1; n > 0; n--) {
            what.append(r.nextInt(10) < 5 || !wellFormed(h) ? anyValue(h, r) : lie(h, r)).append(n > 1 ? "; " : "");
        }
        return what.toString();
    }

    private static String anyValue(Map<String, Object> h, Random r) {
        List<Slot> slots = new ArrayList<>();
        collect(h, slots);
        Slot s = slots.get(r.nextInt(slots.size()));
        Object v = s.get();
        String where = path(h, s);
        int k = r.nextInt(10);
        if (k == 0) {
            s.remove();
            return "removed " + where;
        }
        if (k == 1 && v instanceof Map<?, ?> m) {
            Mutations.<Map<String, Object>>cast(m).put("unknown_" + r.nextInt(3), copy(ODD.get(r.nextInt(ODD.size()))));
            return "added a key to " + where;
        }
        if (k <= 3 && v instanceof List<?> l) return where + ": " + list(cast(l), r);
        Object w = copy(k <= 6 ? near(v, r) : ODD.get(r.nextInt(ODD.size()))); // a copy: a later change may edit it
        s.set(w);
        return where + " = " + nn.core.Json.write(w);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    /** A value close to v: its negation, off by one, a float for a whole number, its text, null. */
    private static Object near(Object v, Random r) {
        if (v instanceof Long l) {
            Object[] c = {-l, l + 1, l - 1, 0L, l * 1000 + 7, (double) l, l + 0.5, Long.toString(l), null, l == 0 ? -3L : -l};
            return c[r.nextInt(c.length)];
        }
        if (v instanceof Double d) {
            Object[] c = {-d, 0.0, "NaN", "Infinity", "-Infinity", 1e308, (long) (double) d, d + 1, Double.toString(d), null};
            return c[r.nextInt(c.length)];
        }
        if (v instanceof String s) {
            Object[] c = {"", s + "x", s.toUpperCase(), s.isEmpty() ? "a" : s.substring(1), "none", "standard", null, 5L, List.of(s)};
            return c[r.nextInt(c.length)];
        }
        if (v instanceof Boolean b) return r.nextBoolean() ? !b : "true";
        if (v == null) return r.nextBoolean() ? List.of("a") : List.of("a", "a");
        return r.nextBoolean() ? null : "x";
    }

    /** Shortens, lengthens, empties, reverses or shuffles l. */
    private static String list(List<Object> l, Random r) {
        switch (r.nextInt(5)) {
            case 0 -> {
                if (!l.isEmpty()) l.remove(r.nextInt(l.size()));
                return "removed an element";
            }
            case 1 -> {
                l.add(l.isEmpty() ? "a" : copy(l.get(r.nextInt(l.size()))));
                return "added an element";
            }
            case 2 -> {
                l.clear();
                return "emptied";
            }
            case 3 -> {
                Collections.reverse(l);
                return "reversed";
            }
            default -> {
                Collections.shuffle(l, r);
                return "shuffled";
            }
        }
    }

    /** A deep copy of a JSON value (so that a duplicated element is not shared). */
    private static Object copy(Object v) {
        return nn.core.Json.read(nn.core.Json.write(v));
    }

    /** Whether h has what {@link #lie} edits, as nn writes it (an earlier change may have broken it). */
    private static boolean wellFormed(Map<String, Object> h) {
        if (!(h.get("arrays") instanceof List<?> arrays) || arrays.isEmpty() || !(h.get("history") instanceof List<?> history)
                || !(h.get("epoch") instanceof Long) || !(h.get("best") instanceof Map<?, ?>)) {
            return false;
        }
        for (Object a : arrays) {
            if (!(a instanceof Map<?, ?> m && m.get("name") instanceof String && m.get("offset") instanceof Long
                    && m.get("shape") instanceof List<?> shape && shape.stream().allMatch(d -> d instanceof Long))) {
                return false;
            }
        }
        return history.stream().allMatch(row -> row instanceof Map<?, ?>);
    }

    /** Lies a writer could tell: about the arrays, the columns, the history, the config, the statistics. */
    @SuppressWarnings("unchecked")
    private static String lie(Map<String, Object> h, Random r) {
        List<Map<String, Object>> arrays = (List<Map<String, Object>>) (List<?>) h.get("arrays");
        Map<String, Object> a = arrays.get(r.nextInt(arrays.size())), b = arrays.get(r.nextInt(arrays.size()));
        List<Object> history = (List<Object>) h.get("history");
        switch (r.nextInt(14)) {
            case 0 -> {
                Object n = a.get("name");
                a.put("name", b.get("name"));
                b.put("name", n);
                return "swapped the names " + a.get("name") + " and " + b.get("name");
            }
            case 1 -> {
                Object o = r.nextBoolean() ? b.get("offset") : (Long) a.get("offset") + 8 * (r.nextInt(5) - 2);
                a.put("offset", o);
                return a.get("name") + ".offset = " + o;
            }
            case 2 -> {
                List<Object> shape = new ArrayList<>((List<Object>) a.get("shape"));
                int i = shape.isEmpty() ? 0 : r.nextInt(shape.size());
                switch (r.nextInt(4)) {
                    case 0 -> shape.add(1L);
                    case 1 -> { if (!shape.isEmpty()) shape.remove(i); }
                    case 2 -> { if (!shape.isEmpty()) shape.set(i, (Long) shape.get(i) + 1); }
                    default -> { if (!shape.isEmpty()) shape.set(i, Math.max(0, (Long) shape.get(i) - 1)); }
                }
                a.put("shape", shape);
                return a.get("name") + ".shape = " + shape;
            }
            case 3 -> {
                String name = r.nextBoolean() ? "extra/x" : a.get("name") + "_";
                a.put("name", name);
                return "renamed an array to " + name;
            }
            case 4 -> {
                arrays.remove(a);
                return "dropped the array " + a.get("name");
            }
            case 5 -> {
                String key = List.of("features", "targets", "classes").get(r.nextInt(3));
                List<Object> names = h.get(key) instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of("a"));
                if (r.nextBoolean() && !names.isEmpty()) names.remove(r.nextInt(names.size()));
                else names.add(r.nextBoolean() && !names.isEmpty() ? names.get(0) : "new");
                h.put(key, names);
                return key + " = " + names;
            }
            case 6 -> {
                long epoch = (Long) h.get("epoch");
                if (history.isEmpty()) return "nothing (no history)";
                history.remove(history.size() - 1);
                h.put("epoch", epoch - 1);
                return "dropped the last epoch from epoch and history";
            }
            case 7 -> {
                if (history.isEmpty()) return "nothing (no history)";
                Map<String, Object> row = (Map<String, Object>) history.get(r.nextInt(history.size()));
                row.put("epoch", (double) r.nextInt(8));
                return "a history row's epoch = " + row.get("epoch");
            }
            case 8 -> {
                String c = CONFIGS.get(r.nextInt(CONFIGS.size()));
                h.put("config", c);
                return "config = " + nn.core.Json.write(c.length() > 30 ? c.substring(0, 30) + "…" : c);
            }
            case 9 -> {
                String k = List.of("none", "standard", "minmax").get(r.nextInt(3));
                h.put(r.nextBoolean() ? "normalize" : "normalize_targets", k);
                return "a normalisation kind = " + k;
            }
            case 10 -> {
                h.remove("normalize_targets");
                arrays.removeIf(x -> x.get("name").toString().startsWith("target_normalizer/"));
                return "dropped the target statistics (as in older files)";
            }
            case 12 -> {
                return "features and their statistics: " + shorterTogether(h, "features", Checkpoint.SHIFT, Checkpoint.SCALE, r);
            }
            case 13 -> {
                String key = h.get("classes") instanceof List<?> ? "classes" : "targets";
                return key + " and their statistics: " + shorterTogether(h, key, Checkpoint.TARGET_SHIFT, Checkpoint.TARGET_SCALE, r);
            }
            default -> {
                Map<String, Object> best = (Map<String, Object>) h.get("best");
                long epoch = (Long) h.get("epoch");
                best.put("epoch", (long) r.nextInt((int) epoch + 2) - 1);
                best.put("since", (long) r.nextInt(4));
                h.put("stopped_early", r.nextBoolean());
                return "best = " + best + ", stopped_early = " + h.get("stopped_early");
            }
        }
    }

    /**
     * The list key one name shorter or longer and the arrays shift and scale with it (the data left as it is): a lie
     * that agrees with itself, which only the network can catch.
     */
    @SuppressWarnings("unchecked")
    private static String shorterTogether(Map<String, Object> h, String key, String shift, String scale, Random r) {
        if (!(h.get(key) instanceof List<?> l)) return "nothing (" + key + " is not a list)";
        List<Object> names = new ArrayList<>(l);
        boolean longer = r.nextBoolean() || names.isEmpty();
        if (longer) names.add("extra");
        else names.remove(names.size() - 1);
        h.put(key, names);
        for (Object o : (List<Object>) h.get("arrays")) {
            Map<String, Object> a = (Map<String, Object>) o;
            if (a.get("name").equals(shift) || a.get("name").equals(scale)) a.put("shape", new ArrayList<>(List.of((long) names.size())));
        }
        return names.toString();
    }

    /** Every slot in v, depth first. */
    private static void collect(Object v, List<Slot> out) {
        if (v instanceof Map<?, ?> m) {
            for (Object k : new ArrayList<>(m.keySet())) {
                out.add(new Slot(m, k));
                collect(m.get(k), out);
            }
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                out.add(new Slot(l, i));
                collect(l.get(i), out);
            }
        }
    }

    /** The slot's path from the root, for messages ({@code .arrays[3].offset}). */
    private static String path(Object root, Slot s) {
        StringBuilder sb = new StringBuilder();
        find(root, s, sb);
        return sb.length() == 0 ? s.path() : sb.toString();
    }

    private static boolean find(Object v, Slot s, StringBuilder sb) {
        int mark = sb.length();
        if (v instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                sb.append('.').append(k);
                if (m == s.parent() && k.equals(s.key()) || find(m.get(k), s, sb)) return true;
                sb.setLength(mark);
            }
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                sb.append('[').append(i).append(']');
                if (l == s.parent() && s.key().equals(i) || find(l.get(i), s, sb)) return true;
                sb.setLength(mark);
            }
        }
        return false;
    }

    /** Up to three values of the data set to NaN, ±∞, 0, −0, −1, ±1e308 or the smallest double. */
    static String data(CheckpointBytes f, Random r) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> arrays = (List<Map<String, Object>>) (List<?>) f.header().get("arrays");
        double[] odd = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -0.0, -1, 1e308, -1e308, Double.MIN_VALUE};
        StringBuilder what = new StringBuilder();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            Map<String, Object> a = arrays.get(r.nextInt(arrays.size()));
            long count = 1;
            for (Object d : (List<?>) a.get("shape")) count *= (Long) d;
            if (count == 0) continue;
            int i = r.nextInt((int) count);
            double v = odd[r.nextInt(odd.length)];
            f.set((String) a.get("name"), i, v);
            what.append(a.get("name")).append('[').append(i).append("] = ").append(v).append("; ");
        }
        return what.toString();
    }

    /** One or two bits flipped, or a burst of up to 4 bytes overwritten: errors CRC32C always detects. */
    static String bytes(byte[] b, Random r) {
        if (r.nextBoolean()) {
            int at = r.nextInt(b.length - 3), n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) b[at + i] = (byte) ~b[at + i];
            return n + " bytes inverted at " + at;
        }
        int p = r.nextInt(b.length * 8), q = r.nextInt(b.length * 8);
        b[p / 8] ^= (byte) (1 << (p % 8));
        if (q != p && r.nextBoolean()) {
            b[q / 8] ^= (byte) (1 << (q % 8));
            return "bits " + p + " and " + q + " flipped";
        }
        return "bit " + p + " flipped";
    }
}
