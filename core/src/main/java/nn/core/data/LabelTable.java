package nn.core.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The distinct class labels of one CSV chunk, looked up by their bytes: an open-addressing hash table, so a row's label
 * costs a hash and a compare, and only a label not seen before becomes a String.
 */
final class LabelTable {
    private int[] slots = new int[64]; // label id + 1, 0 for empty
    private final List<byte[]> keys = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    /** The line each label was first seen on. */
    final List<Long> lines = new ArrayList<>();

    /** The id of the label b[from, to), seen on line; a new id when first seen. */
    int id(byte[] b, int from, int to, long line) {
        int h = hash(b, from, to);
        int mask = slots.length - 1;
        for (int s = h & mask; ; s = (s + 1) & mask) {
            int k = slots[s] - 1;
            if (k < 0) {
                byte[] key = Arrays.copyOfRange(b, from, to);
                keys.add(key);
                names.add(new String(key, StandardCharsets.UTF_8));
                lines.add(line);
                slots[s] = keys.size();
                if (keys.size() * 2 > slots.length) rehash();
                return keys.size() - 1;
            }
            if (Arrays.equals(keys.get(k), 0, keys.get(k).length, b, from, to)) return k;
        }
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) h = 31 * h + b[i];
        return h ^ (h >>> 16);
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int k = 0; k < keys.size(); k++) {
            byte[] key = keys.get(k);
            int s = hash(key, 0, key.length) & mask;
            while (slots[s] != 0) s = (s + 1) & mask;
            slots[s] = k + 1;
        }
    }
}
