package nn.core.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import nn.core.BadInputException;

/**
 * The IDX format of MNIST and Fashion-MNIST (plain or gzip'd): bytes 0–1 zero, byte 2 the element type (0x08 unsigned
 * byte, 0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), byte 3 the number of dimensions d,
 * then d big-endian int32 sizes, then the elements, big-endian, row-major. An images file (n × rows × cols, or any
 * n × …) gives the features; a labels file (n) the class of each row ({@link ArraySource}).
 */
final class Idx {
    private Idx() {}

    /** One IDX or .npy array: its dimensions and its elements, row-major. */
    record Array(int[] dims, Values values) {
        /** The elements as float64 (a copy). */
        double[] data() {
            return values.toDoubles();
        }

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
            DataInputStream in = new DataInputStream(Sources.gunzipped(raw));
            int z0 = in.read(), z1 = in.read(), type = in.read(), d = in.read();
            if (z0 != 0 || z1 != 0 || d < 1 || size(type) == 0) {
                throw new BadInputException(file + ": not an IDX file (it does not start with 00 00, a type byte 08/09/0B/0C/0D/0E"
                        + " and a dimension count)");
            }
            int[] dims = new int[d];
            for (int i = 0; i < d; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0) throw new BadInputException(file + ": dimension " + i + " is " + dims[i]);
            }
            char kind = type == 0x08 ? 'u' : type >= 0x0D ? 'f' : 'i';
            return new Array(dims, Npy.elements(in, dims, kind, size(type), ByteOrder.BIG_ENDIAN, file.toString()));
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
