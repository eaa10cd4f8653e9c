package nn.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import nn.core.BadInputException;

/**
 * NumPy's {@code .npy} format (versions 1–3) and {@code .npz} archives of them: the magic {@code \x93NUMPY}, a version,
 * a header length, a Python dict literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (n, d), }}, then
 * the elements. Reads bool, signed and unsigned integers of 1–8 bytes and float32/float64, either byte order, C or
 * Fortran order, into a row-major {@link Idx.Array}.
 */
final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([biuf])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** An .npy file. */
    static Idx.Array read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw BadInputException.io(file.toString(), "read", e);
        }
    }

    /** The array NAME (stored as NAME.npy) of an .npz archive. */
    static Idx.Array read(Path npz, String name) {
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            ZipEntry e = zip.getEntry(name + ".npy");
            if (e == null) {
                java.util.List<String> names = zip.stream().map(z -> z.getName().replaceFirst("\\.npy$", "")).toList();
                throw new BadInputException(npz + ": no array '" + name + "' " + nn.core.Names.suggest(name, names));
            }
            try (InputStream in = zip.getInputStream(e)) {
                return read(in, npz + "[" + name + "]");
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(npz + ": no such file");
        } catch (java.util.zip.ZipException e) {
            throw new BadInputException(npz + ": not an .npz archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw BadInputException.io(npz.toString(), "read", e);
        }
    }

    private static Idx.Array read(InputStream raw, String where) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        try {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new BadInputException(where + ": not an .npy file (it does not start with \\x93NUMPY)");
            int major = in.read();
            in.read();
            long hlen = major == 1 ? Short.toUnsignedInt(Short.reverseBytes(in.readShort())) : Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            if (hlen > 1 << 20) throw new BadInputException(where + ": header of " + hlen + " bytes");
            byte[] h = new byte[(int) hlen];
            in.readFully(h);
            String header = new String(h, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
            if (!d.find() || !f.find() || !s.find()) {
                throw new BadInputException(where + ": unsupported .npy header " + header.strip()
                        + " (nn reads bool, integer and float arrays: descr like '<f8', '<i8', '|u1')");
            }
            char kind = d.group(2).charAt(0);
            int size = Integer.parseInt(d.group(3));
            ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            if (!((kind == 'f' && (size == 4 || size == 8)) || (kind != 'f' && (size == 1 || size == 2 || size == 4 || size == 8)))) {
                throw new BadInputException(where + ": unsupported element type '" + d.group(1) + kind + size + "'");
            }
            String[] parts = s.group(1).split(",");
            int[] dims = java.util.Arrays.stream(parts).map(String::strip).filter(p -> !p.isEmpty()).mapToInt(Integer::parseInt).toArray();
            if (dims.length == 0) dims = new int[] {1};
            Values data = elements(in, dims, kind, size, order, where);
            if (f.group(1).equals("True") && dims.length > 1) data = toRowMajor(data, dims);
            return new Idx.Array(dims, data);
        } catch (EOFException e) {
            throw new BadInputException(where + ": truncated: it ends before the elements its header announces");
        }
    }

    /**
     * The elements of an array of the given dimensions, read from in: kind 'f' (float), 'i' (signed), 'u' or 'b'
     * (unsigned, bool) of size bytes each, in the given byte order. Shared by .npy and IDX. Held as float32 when
     * the type makes every value exactly a float32 (float32, and integers of one or two bytes), else as float64.
     */
    static Values elements(DataInputStream in, int[] dims, char kind, int size, ByteOrder order, String where) throws IOException {
        long count = 1;
        for (int x : dims) count *= x;
        if (count > Integer.MAX_VALUE - 8) throw new BadInputException(where + ": " + count + " elements, more than one array holds");
        Values data = Values.zeros(count, kind == 'f' ? size == 4 : size <= 2, false, where + ": " + count + " values");
        byte[] buf = new byte[1 << 16];
        for (int i = 0; i < count; ) {
            int k = (int) Math.min(buf.length / size, count - i);
            in.readFully(buf, 0, k * size);
            if (kind == 'u' && size == 1) data.setUnsignedBytes(i, buf, k); // IDX images: the common case, in bulk
            else decode(ByteBuffer.wrap(buf, 0, k * size).order(order), kind, size, data, i, k);
            i += k;
        }
        return data;
    }

    /** data[at..at+k) = the next k elements of b. */
    private static void decode(ByteBuffer b, char kind, int size, Values data, int at, int k) {
        for (int j = 0; j < k; j++) data.set(at + j, element(b, kind, size));
    }

    private static double element(ByteBuffer b, char kind, int size) {
        if (kind == 'f') return size == 4 ? b.getFloat() : b.getDouble();
        boolean unsigned = kind == 'u' || kind == 'b';
        return switch (size) {
            case 1 -> unsigned ? b.get() & 0xff : b.get();
            case 2 -> unsigned ? b.getShort() & 0xffff : b.getShort();
            case 4 -> unsigned ? b.getInt() & 0xffffffffL : b.getInt();
            default -> unsigned ? unsignedLong(b.getLong()) : b.getLong();
        };
    }

    /** An unsigned 64-bit value as the nearest double. */
    private static double unsignedLong(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
    }

    /** Fortran (column-major) order to row-major, for any number of dimensions. */
    private static Values toRowMajor(Values f, int[] dims) {
        Values out = Values.zeros(f.length(), f.narrow());
        int nd = dims.length;
        int[] idx = new int[nd];
        for (int c = 0; c < f.length(); c++) { // c walks Fortran order: the first index fastest
            int r = 0;
            for (int k = 0; k < nd; k++) r = r * dims[k] + idx[k];
            out.set(r, f.get(c));
            for (int k = 0; k < nd && ++idx[k] == dims[k]; k++) idx[k] = 0;
        }
        return out;
    }
}
