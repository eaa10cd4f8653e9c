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

    void row(Map<String, Double> m) {
        long ep = m.get("epoch").longValue();
        if (ep % every != 0 && ep != 1 && ep != epochs) return;
        if (!header) {
            log.info(String.join("\t", m.keySet()));
            header = true;
        }
        List<String> cells = new ArrayList<>();
        m.forEach((k, v) -> cells.add(k.equals("epoch") ? Long.toString(v.longValue()) : String.format("%.6g", v)));
        log.info(String.join("\t", cells));
    }
}
