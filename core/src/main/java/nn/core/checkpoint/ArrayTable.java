package nn.core.checkpoint;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.checkpoint.Header.Invalid;

/**
 * The header's {@code arrays} table and the data it points into: each entry {@code {name, shape, offset}} names
 * the float64 values at data[offset, offset + 8·∏shape). The whole table is checked before any value is copied (names
 * distinct, offsets 8-aligned, every span inside the data, no two spans overlapping), so a table that lies costs no
 * more memory than the file: values are read once each, as the writer laid them out. Overlap is refused because
 * nn never writes it and because it would let one array silently read another's values (a scale read from a shift).
 */
final class ArrayTable {
    private ArrayTable() {}

    private record Span(String name, int[] shape, long offset, long count) {
        long end() {
            return offset + 8 * count;
        }
    }

    /** The arrays by name, in table order. data not modified. */
    static Map<String, Checkpoint.Array> read(List<?> table, ByteBuffer data, int dataStart, long dataBytes) {
        List<Span> spans = new ArrayList<>();
        Map<String, Span> byName = new LinkedHashMap<>();
        for (int i = 0; i < table.size(); i++) {
            Span s = span(Header.of(table.get(i), "arrays[" + i + "]"), "arrays[" + i + "]", dataBytes);
            if (byName.put(s.name(), s) != null) throw new Invalid("arrays[" + i + "]: the name " + Header.show(s.name()) + " is taken by an earlier array");
            spans.add(s);
        }
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(Span::offset));
        for (int i = 1; i < sorted.size(); i++) {
            Span a = sorted.get(i - 1), b = sorted.get(i);
            if (b.offset() < a.end() && b.count() > 0) {
                throw new Invalid("arrays " + Header.show(a.name()) + " and " + Header.show(b.name()) + " overlap in the data (bytes "
                        + a.offset() + ".." + a.end() + " and " + b.offset() + ".." + b.end() + ")");
            }
            if (b.end() < a.end()) sorted.set(i, a); // an empty span inside a: keep comparing against a
        }
        Map<String, Checkpoint.Array> out = new LinkedHashMap<>();
        for (Span s : spans) {
            double[] v = new double[(int) s.count()];
            for (int k = 0; k < v.length; k++) v[k] = data.getDouble(dataStart + (int) s.offset() + 8 * k);
            out.put(s.name(), new Checkpoint.Array(s.shape(), v));
        }
        return out;
    }

    private static Span span(Header e, String at, long dataBytes) {
        String name = e.text("name");
        List<?> dims = e.list("shape");
        int[] shape = new int[dims.size()];
        long count = 1, most = dataBytes / 8;
        for (int d = 0; d < shape.length; d++) {
            Object v = dims.get(d);
            if (!(v instanceof Long n) || n < 0) throw new Invalid(at + ".shape[" + d + "] is " + Header.show(v) + " (must be a whole number ≥ 0)");
            if (n > most) throw tooLarge(at, dims, dataBytes);
            shape[d] = (int) (long) n;
            count *= n;
            if (count > most) throw tooLarge(at, dims, dataBytes); // checked every step: the product cannot overflow
        }
        long offset = e.whole("offset");
        if (offset < 0 || offset % 8 != 0) throw new Invalid(at + ".offset is " + offset + " (must be a multiple of 8, ≥ 0)");
        if (offset > dataBytes - 8 * count) {
            throw new Invalid(at + " (" + Header.show(name) + "): " + count + " values at offset " + offset + " end past the data ("
                    + dataBytes + " bytes)");
        }
        return new Span(name, shape, offset, count);
    }

    private static Invalid tooLarge(String at, List<?> dims, long dataBytes) {
        return new Invalid(at + ".shape " + Header.show(dims) + " holds more values than the data's " + dataBytes + " bytes");
    }

    /** The shape as text, [2, 3]. */
    static String shape(int[] shape) {
        return Arrays.toString(shape);
    }
}
