package nn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nn.core.train.History;
import org.slf4j.Logger;

/**
 * The per-epoch table on stderr: every epoch up to 50, else about 50 rows (every epoch with -v), and always the
 * first and the last epoch run, early stopping or not, and the best epoch (marked when the thinning left it out). On a terminal the columns are fixed-width and right-aligned;
 * otherwise tab-separated. Rows that are not shown are not formatted.
 */
final class EpochTable {
    private final Logger log;
    private final long every;
    private final long epochs;
    private final boolean aligned;
    private boolean header;
    private long printed = -1;
    private List<String> names;

    EpochTable(Logger log, long epochs, boolean all, boolean aligned) {
        this.log = log;
        this.epochs = epochs;
        this.aligned = aligned;
        this.every = all ? 1 : Math.max(1, (epochs + 49) / 50);
    }

    /** Prints history's last row if it is one of the rows shown (and INFO is on). */
    void row(History history) {
        long ep = history.size(); // after a resume the first rows are the checkpoint's: row count = epoch number
        if (!shown(ep) || !log.isInfoEnabled()) return;
        print(history, history.size() - 1);
    }

    /** After training: the last epoch's row, if the thinning left it out (a run that stopped early). */
    void last(History history) {
        if (!history.isEmpty() && printed != history.size() - 1 && log.isInfoEnabled()) print(history, history.size() - 1, "");
    }

    /** After training: the best epoch's row (0-based best), marked, if the thinning left it out. */
    void best(History history, long best) {
        if (best < 0 || best >= history.size() || best == printed || shown(best + 1) || !log.isInfoEnabled()) return;
        print(history, (int) best, "  (best)");
    }

    /** Whether the thinning shows epoch ep (1-based): every every-th, the first and the last asked for. */
    private boolean shown(long ep) {
        return ep % every == 0 || ep == 1 || ep == epochs;
    }

    private void print(History history, int r) {
        print(history, r, "");
    }

    private void print(History history, int r, String mark) {
        Map<String, Double> m = history.row(r);
        if (!header) {
            names = new ArrayList<>(m.keySet());
            log.info(join(names));
            header = true;
        }
        List<String> cells = new ArrayList<>();
        for (String k : names) {
            Double v = m.get(k);
            cells.add(v == null ? "" : k.equals("epoch") ? Long.toString(v.longValue()) : String.format("%.6g", v));
        }
        log.info(join(cells) + mark);
        printed = Math.max(printed, r);
    }

    /** Cells tab-separated, or on a terminal each right-aligned in a column as wide as its name (at least 12). */
    private String join(List<String> cells) {
        if (!aligned) return String.join("\t", cells);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            int w = i == 0 ? Math.max(5, names.get(0).length()) : Math.max(12, names.get(i).length());
            if (i > 0) b.append("  ");
            b.append(" ".repeat(Math.max(0, w - cells.get(i).length()))).append(cells.get(i));
        }
        return b.toString();
    }
}
