package nn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nn.core.BadInputException;
import nn.core.Json;

/** --metrics: one row per epoch, flushed as it is written; after --resume, the resumed epochs first. */
final class MetricsFile implements AutoCloseable {
    private final PrintWriter w;
    private final boolean jsonl;
    private boolean header;

    private MetricsFile(PrintWriter w, boolean jsonl) {
        this.w = w;
        this.jsonl = jsonl;
    }

    static MetricsFile open(Path p) {
        if (p == null) return new MetricsFile(null, false);
        try {
            return new MetricsFile(new PrintWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8)), p.toString().endsWith(".jsonl"));
        } catch (IOException ex) {
            throw BadInputException.io("--metrics " + p, "write", ex);
        }
    }

    /**
     * Writes every row history already has (a resumed run's epochs, from its checkpoint), so that the file always
     * holds the whole run once, whether it is the file of the first run or a new one.
     */
    void start(nn.core.train.History history) {
        if (w == null) return;
        for (int r = 0; r < history.size(); r++) row(history.row(r));
        w.flush();
    }

    /** Writes history's last row, if there is a file. */
    void write(nn.core.train.History history) {
        if (w == null) return;
        row(history.row(history.size() - 1));
        w.flush();
    }

    private void row(Map<String, Double> m) {
        if (jsonl) {
            w.println(Json.write(TrainCommand.ints(m), Json.NonFinite.AS_NULL));
        } else {
            if (!header) {
                w.println(String.join(",", m.keySet()));
                header = true;
            }
            List<String> cells = new ArrayList<>();
            m.forEach((k, v) -> cells.add(k.equals("epoch") ? Long.toString(v.longValue()) : Num.format(v)));
            w.println(String.join(",", cells));
        }
    }

    @Override
    public void close() {
        if (w != null) w.close();
    }
}
