package nn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nn.core.BadInputException;
import nn.core.Names;
import nn.core.checkpoint.Checkpoint;
import nn.core.checkpoint.CheckpointFile;
import nn.core.data.CsvStream;
import nn.core.spi.Layer;
import nn.core.train.Metrics;
import nn.core.train.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** nn predict: the model's outputs for CSV rows, streamed a batch at a time. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict for the CSV rows of DATA (standard input for - or none) with the model in CKPT; CSV on stdout.",
                "The feature columns are found by name and normalized as in training. Output: the --keep columns, then one column per",
                "target, in its own units (normalize_targets undone; for classification the predicted class, in a column named after",
                "the target; with --proba also p_<class>);",
                "a name that a --keep column already has gets _pred added (--keep species: species,species_pred)."})
final class PredictCommand implements Callable<Integer> {
    @ParentCommand
    Nn root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CKPT", description = "A checkpoint written by nn train.")
    Path ckpt;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DATA", description = "A CSV file with a header row; - or absent for standard input.")
    String data;

    @Option(names = "--keep", paramLabel = "COLS", split = ",", description = "Input columns to copy to the output first (e.g. an id).")
    List<String> keep = new ArrayList<>();

    @Option(names = "--proba", description = "Classification: add one probability column p_<class> per class.")
    boolean proba;

    @Option(names = "--batch", converter = Numbers.Count.class, defaultValue = "256", paramLabel = "N", description = "Rows per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Override
    public Integer call() throws IOException {
        Checkpoint.Model m = CheckpointFile.read(ckpt).model(root.plugins(), ckpt.toString());
        Checkpoint c = m.checkpoint();
        boolean stdin = data == null || data.equals("-");
        String file = stdin ? "<stdin>" : data;
        int nin = m.network().nin(), nout = m.network().nout();
        List<String> classes = m.classification() ? c.classes() : null;
        List<String> cols = new ArrayList<>(keep);
        if (classes != null) {
            cols.add(unique(c.targets().get(0), cols));
            if (proba) for (String k : classes) cols.add(unique("p_" + k, cols));
        } else {
            for (String t : c.targets()) cols.add(unique(t, cols));
        }
        checkBatch(batch, m.network());
        PrintWriter out = spec.commandLine().getOut();
        double[] x = new double[batch * nin];
        List<List<String>> kept = new ArrayList<>();
        RowWriter[] writer = new RowWriter[1];
        try (InputStream in = stdin ? root.stdin() : Files.newInputStream(Path.of(data))) {
            CsvStream.read(in, file, ',', new CsvStream.Handler() {
                int[] fi, ki;
                int n;

                @Override public void header(List<String> names) {
                    Map<String, Integer> header = nn.core.data.CsvHeader.index(names, file);
                    fi = columns(c.features(), header, file, "feature");
                    ki = columns(keep, header, file, "--keep");
                }

                @Override public void record(CsvStream.Row row) {
                    for (int i = 0; i < nin; i++) x[n * nin + i] = row.number(fi[i], c.features().get(i));
                    List<String> k = new ArrayList<>(ki.length);
                    for (int i : ki) k.add(row.text(i));
                    kept.add(k);
                    if (++n == batch) {
                        flush(m, x, n, kept, classes, nout, writer(writer, out, cols));
                        n = 0;
                    }
                }
            });
            if (!kept.isEmpty()) flush(m, x, kept.size(), kept, classes, nout, writer(writer, out, cols));
            writer(writer, out, cols).close();
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw BadInputException.io(file, "read", e);
        }
        return Nn.OK;
    }

    private void flush(Checkpoint.Model m, double[] x, int n, List<List<String>> kept, List<String> classes, int nout, RowWriter w) {
        double scale = m.inputScale();
        if (scale != 1) for (int i = 0; i < n * m.network().nin(); i++) x[i] /= scale;
        m.normalizer().apply(x, n);
        double[] y = m.network().forward(x, n, false);
        if (classes == null && !m.targetNormalizer().kind().equals("none")) {
            y = java.util.Arrays.copyOf(y, n * nout); // back to the target's own units, leaving the network's buffer
            m.targetNormalizer().invert(y, 0, n);
        }
        for (int r = 0; r < n; r++) {
            List<Object> row = new ArrayList<>(kept.get(r));
            if (classes != null) {
                row.add(classes.get(Metrics.predicted(y, r, nout)));
                if (proba) {
                    if (nout == 1) {
                        row.add(1 - y[r]);
                        row.add(y[r]);
                    } else {
                        for (int j = 0; j < nout; j++) row.add(y[r * nout + j]);
                    }
                }
            } else {
                for (int j = 0; j < nout; j++) row.add(y[r * nout + j]);
            }
            w.row(row.toArray());
        }
        kept.clear();
    }

    /**
     * The writer, made (and the header printed) when the first batch has been read whole: a bad cell in it is then
     * reported with nothing on stdout. Later batches stream: rows before a bad one have been printed.
     */
    private static RowWriter writer(RowWriter[] w, PrintWriter out, List<String> cols) {
        if (w[0] == null) w[0] = new RowWriter(RowWriter.Format.csv, out, cols);
        return w[0];
    }

    /** The most elements a Java array holds. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * Refuses, before any row is read or printed, a --batch whose buffers cannot be made: the inputs and each layer's
     * outputs and gradients for batch rows, each at most one array ({@link #MAX_ARRAY} values), all in the heap left.
     */
    static void checkBatch(int batch, Network net) {
        long widest = net.nin(), values = net.nin();
        for (Layer l : net.layers()) {
            widest = Math.max(widest, l.nout());
            values += 2L * l.nout();
        }
        if (batch * widest > MAX_ARRAY) {
            throw new BadInputException("--batch " + batch + ": " + batch + " rows × " + widest + " values (the widest layer) is more than one"
                    + " array holds (" + MAX_ARRAY + "); give at most --batch " + MAX_ARRAY / widest);
        }
        Runtime rt = Runtime.getRuntime();
        long room = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()), need = 8L * batch * values;
        if (need > room) {
            throw new BadInputException(String.format(java.util.Locale.ROOT, "--batch %d: the buffers for %d rows need %.1f GiB, more than the"
                    + " %.1f GiB of heap left (give a smaller --batch; the default is 256)", batch, batch, need / 1073741824.0, room / 1073741824.0));
        }
    }

    /** name, or name_pred (then name_pred2, …) when a column already has that name: outputs never collide with --keep. */
    static String unique(String name, List<String> taken) {
        if (!taken.contains(name)) return name;
        String out = name + "_pred";
        for (int i = 2; taken.contains(out); i++) out = name + "_pred" + i;
        return out;
    }

    static int[] columns(List<String> names, Map<String, Integer> header, String file, String what) {
        int[] idx = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Integer col = header.get(names.get(i));
            if (col == null) {
                throw new BadInputException(file + ":1: no " + what + " column '" + names.get(i) + "' " + Names.suggest(names.get(i), header.keySet()));
            }
            idx[i] = col;
        }
        return idx;
    }
}
