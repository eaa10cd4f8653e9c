package nn.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link History}: columns that grow, rows as maps without the columns a row lacks, and a round trip through maps. */
class HistoryTest {
    @Test
    void rowsGrowPastTheInitialCapacityAndReadBackInColumnOrder() {
        History h = new History();
        int epoch = h.column("epoch"), loss = h.column("train_loss");
        for (int r = 0; r < 1000; r++) {
            h.newRow();
            h.set(epoch, r + 1);
            h.set(loss, 1.0 / (r + 1));
        }
        assertEquals(1000, h.size());
        assertEquals(Map.of("epoch", 500.0, "train_loss", 1.0 / 500), h.row(499));
        assertEquals(List.of("epoch", "train_loss"), List.copyOf(h.row(0).keySet()));
        assertEquals(1.0 / 1000, h.get(999, "train_loss"));
        assertTrue(Double.isNaN(h.get(3, "val_loss")));
    }

    @Test
    void aColumnAddedLaterIsAbsentFromEarlierRows() {
        History h = new History();
        h.newRow();
        h.set(h.column("epoch"), 1);
        h.newRow();
        h.set(h.column("epoch"), 2);
        h.set(h.column("val_loss"), 0.5);
        assertEquals(Map.of("epoch", 1.0), h.row(0));
        assertEquals(Map.of("epoch", 2.0, "val_loss", 0.5), h.row(1));
    }

    @Test
    void mapsRoundTrip() {
        Map<String, Double> a = new LinkedHashMap<>(), b = new LinkedHashMap<>();
        a.put("epoch", 1.0);
        a.put("lr", 0.1);
        b.put("epoch", 2.0);
        b.put("lr", 0.05);
        b.put("val_accuracy", 0.75);
        History h = new History();
        h.set(List.of(a, b));
        assertEquals(List.of(a, b), h.rows());
        h.newRow();
        h.set(h.column("epoch"), 3);
        assertEquals(3, h.size());
        assertEquals(Map.of("epoch", 3.0), h.row(2));
    }
}
