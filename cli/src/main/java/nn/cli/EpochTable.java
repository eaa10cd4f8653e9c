package nn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/** The per-epoch table on stderr: every epoch up to 50, else about 50 rows (every epoch with -v). */
final class EpochTable {
    private final Logger log;
    private final long every;
    private final long epochs;
    private boolean header;

    EpochTable(Logger log, long epochs, boolean all) {
        this.log = log;
        this.epochs = epochs;
        this.every = all ? 1 : Math.max(1, (epochs + 49) / 50);
    }

    /** Prints history's last row if it is one of the rows shown (and INFO is on); formats nothing otherwise. */
    void row(nn.core.train.History history) {
        long ep = history.size(); // after a resume the first rows are the checkpoint's: row count = epoch number
        if (ep % every != 0 && ep != 1 && ep != epochs || !log.isInfoEnabled()) return;
        Map<String, Double> m = history.row(history.size() - 1);
        if (!header) {
            log.info(String.join("\t", m.keySet()));
            header = true;
        }
        List<String> cells = new ArrayList<>();
        m.forEach((k, v) -> cells.add(k.equals("epoch") ? Long.toString(v.longValue()) : String.format("%.6g", v)));
        log.info(String.join("\t", cells));
    }
}
