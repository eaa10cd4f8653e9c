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

/** --metrics: one row per epoch, flushed as it is written. */
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
            if (p.toAbsolutePath().getParent() != null) Files.createDirectories(p.toAbsolutePath().getParent());
            return new MetricsFile(new PrintWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8)), p.toString().endsWith(".jsonl"));
        } catch (IOException ex) {
            throw BadInputException.io("--metrics " + p, "write", ex);
        }
    }

    /** Writes history's last row, if there is a file. */
    void write(nn.core.train.History history) {
        if (w == null) return;
        Map<String, Double> m = history.row(history.size() - 1);
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
        w.flush();
    }

    @Override
    public void close() {
        if (w != null) w.close();
    }
}
