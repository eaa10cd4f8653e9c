package nn.core.data;

import java.util.ArrayList;
import java.util.List;
import nn.core.BadInputException;

/**
 * A data set from arrays (IDX, .npy, .npz): a features array of n rows (n × d, or n × … flattened row by row),
 * divided by the source's scale (as each row is read, so the values are held once, as stored), and a targets array of n rows: class labels (one-hot encoded, in numeric order or
 * the training data's) or numbers (n, or n × k). Features are named {@code px0…} for IDX images and {@code x0…}
 * otherwise, numeric targets {@code y0…}, a label column {@code label}.
 */
final class ArraySource {
    private ArraySource() {}

    static Dataset load(SourceSpec s, List<String> classes, boolean narrow) {
        SourceSpec.ArrayFiles f = s.arrays();
        Idx.Array x, t;
        String xs, ts;
        if (f.format().equals("npz")) {
            x = Npy.read(f.features(), f.names().get(0));
            t = Npy.read(f.features(), f.names().get(1));
            xs = f.features() + "[" + f.names().get(0) + "]";
            ts = f.features() + "[" + f.names().get(1) + "]";
        } else {
            java.util.function.Function<java.nio.file.Path, Idx.Array> read = f.format().equals("idx") ? Idx::read : Npy::read;
            x = read.apply(f.features());
            t = read.apply(f.targets());
            xs = f.features().toString();
            ts = f.targets().toString();
        }
        if (x.rows() != t.rows()) {
            throw new BadInputException(xs + ": " + x.rows() + " rows, but " + ts + " has " + t.rows());
        }
        int n = x.rows(), nin = x.width();
        Values xd = x.values().narrowed(narrow);
        List<String> features = new ArrayList<>(nin);
        for (int i = 0; i < nin; i++) features.add((f.format().equals("idx") ? "px" : "x") + i);
        if (!f.labels()) {
            int nout = t.width();
            List<String> targets = new ArrayList<>(nout);
            for (int j = 0; j < nout; j++) targets.add("y" + j);
            return new Dataset(xs, xd, s.divisor(), t.data(), n, nin, nout, features, targets, null);
        }
        if (t.width() != 1) {
            throw new BadInputException(ts + ": expected one label a row (shape (n,) or (n, 1)), found " + t.width()
                    + " values a row (give numeric targets as targets: rather than labels:)");
        }
        List<Object> names = new ArrayList<>(n);
        for (double v : t.data()) names.add(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
        if (classes == null) classes = Sources.classOrder(names);
        int nout = classes.size();
        double[] y = new double[n * nout];
        for (int r = 0; r < n; r++) {
            int c = classes.indexOf((String) names.get(r));
            if (c < 0) {
                throw new BadInputException(ts + ": label " + (r + 1) + " is '" + names.get(r)
                        + "', not a class of the training data (" + String.join(", ", classes) + ")");
            }
            y[r * nout + c] = 1;
        }
        return new Dataset(xs, xd, s.divisor(), y, n, nin, nout, features, List.of("label"), List.copyOf(classes));
    }
}
