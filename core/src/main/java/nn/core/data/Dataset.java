package nn.core.data;

import java.util.List;

/**
 * Rows of inputs and targets, row-major: x is n × nin, y is n × nout.
 *
 * @param classes the class names in one-hot order when the target is a class label, else null
 */
public record Dataset(String source, double[] x, double[] y, int n, int nin, int nout,
                      List<String> features, List<String> targets, List<String> classes) {

    /** The rows at idx[0..count), in that order (a copy). */
    public Dataset select(int[] idx, int count) {
        double[] sx = new double[count * nin], sy = new double[count * nout];
        for (int i = 0; i < count; i++) {
            System.arraycopy(x, idx[i] * nin, sx, i * nin, nin);
            System.arraycopy(y, idx[i] * nout, sy, i * nout, nout);
        }
        return new Dataset(source, sx, sy, count, nin, nout, features, targets, classes);
    }

    /** The class index of row r (argmax of its target row). */
    public int label(int r) {
        return argmax(y, r * nout, nout);
    }

    public static int argmax(double[] a, int off, int len) {
        int best = 0;
        for (int j = 1; j < len; j++) if (a[off + j] > a[off + best]) best = j;
        return best;
    }
}
