package nn.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import nn.core.BadInputException;

/**
 * The IDX format of MNIST and Fashion-MNIST (plain or gzip'd): bytes 0–1 zero, byte 2 the element type (0x08 unsigned
 * byte, 0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), byte 3 the number of dimensions d,
 * then d big-endian int32 sizes, then the elements, big-endian, row-major. An images file (n × rows × cols, or any
 * n × …) gives the features; a labels file (n) the class of each row ({@link ArraySource}).
 */
final class Idx {
    private Idx() {}

    /** One IDX file: its dimensions and every element as a double. */
    record Array(int[] dims, double[] data) {
        int rows() {
            return dims[0];
        }

        int width() {
            int w = 1;
            for (int i = 1; i < dims.length; i++) w *= dims[i];
            return w;
        }
    }

    /** Reads one IDX file; every problem is a {@link BadInputException} naming it. */
    static Array read(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            boolean gz = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            DataInputStream in = new DataInputStream(gz ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16) : buffered);
            int z0 = in.read(), z1 = in.read(), type = in.read(), d = in.read();
            if (z0 != 0 || z1 != 0 || d < 1 || size(type) == 0) {
                throw new BadInputException(file + ": not an IDX file (it does not start with 00 00, a type byte 08/09/0B/0C/0D/0E"
                        + " and a dimension count)");
            }
            int[] dims = new int[d];
            long count = 1;
            for (int i = 0; i < d; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0) throw new BadInputException(file + ": dimension " + i + " is " + dims[i]);
                count *= dims[i];
            }
            if (count > Integer.MAX_VALUE - 8) throw new BadInputException(file + ": " + count + " elements, more than one array holds");
            double[] data = new double[(int) count];
            byte[] buf = new byte[1 << 16];
            int per = size(type), i = 0;
            while (i < data.length) {
                int want = (int) Math.min(buf.length / per, data.length - i) * per;
                in.readFully(buf, 0, want);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf, 0, want); // big-endian, as IDX is
                for (int k = 0; k < want / per; k++, i++) {
                    data[i] = switch (type) {
                        case 0x08 -> b.get() & 0xff;
                        case 0x09 -> b.get();
                        case 0x0B -> b.getShort();
                        case 0x0C -> b.getInt();
                        case 0x0D -> b.getFloat();
                        default -> b.getDouble();
                    };
                }
            }
            return new Array(dims, data);
        } catch (NoSuchFileException e) {
            String hint = file.toString().startsWith("/usr/share/datasets/")
                    ? " (Debian installs these files: apt-get install dataset-" + file.getParent().getFileName() + ")" : "";
            throw new BadInputException(file + ": no such file" + hint);
        } catch (EOFException e) {
            throw new BadInputException(file + ": truncated: it ends before the elements its header announces");
        } catch (IOException e) {
            throw BadInputException.io(file.toString(), "read", e);
        }
    }

    /** Bytes per element of an IDX type, 0 for an unknown type. */
    private static int size(int type) {
        return switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> 0;
        };
    }
}
