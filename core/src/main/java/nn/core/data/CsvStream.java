package nn.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import nn.core.BadInputException;

/**
 * CSV records read as they arrive (standard input in a pipeline, or a file), gunzipped when gzip'd, each handed over as
 * soon as it is whole: for commands that answer row by row ({@code nn predict}). The same reader as the data sources
 * ({@link CsvChunks}, {@link CsvRecords}, {@link Decimal}): the same quoting, line numbers and numbers to the bit.
 */
public final class CsvStream {
    /** What a reader is given. */
    public interface Handler {
        /** The header's column names, before any record. */
        void header(List<String> names);

        /** One record with as many cells as the header. */
        void record(Row row);
    }

    /** The record being handed over; valid only during {@link Handler#record}. */
    public static final class Row {
        private final CsvRecords rec;
        private final String file;

        private Row(CsvRecords rec, String file) {
            this.rec = rec;
            this.file = file;
        }

        public long line() {
            return rec.line();
        }

        public String text(int cell) {
            return rec.text(cell);
        }

        /** Cell as a finite number, or a bad-input error naming {@code file:line}, the column and the text. */
        public double number(int cell, String column) {
            double v = Decimal.parse(rec.bytes(), rec.from(cell), rec.to(cell));
            if (v != v) throw new BadInputException(file + ":" + rec.line() + ": column '" + column + "': expected a finite number, found '" + rec.text(cell) + "'");
            return v;
        }
    }

    private CsvStream() {}

    /** Reads in to its end. @param file names the input in errors */
    public static void read(InputStream in, String file, char delimiter, Handler h) throws IOException {
        int[] width = {-1};
        CsvChunks.scan(Sources.gunzipped(in), null, delimiter, file, 1, chunk -> {
            CsvRecords rec = new CsvRecords(chunk.bytes(), 0, chunk.length(), chunk.firstLine(), delimiter, file);
            if (width[0] < 0) {
                if (!rec.next()) throw new BadInputException(file + ":1: no header row (expected column names)");
                width[0] = rec.cells();
                List<String> names = new ArrayList<>(width[0]);
                for (int i = 0; i < width[0]; i++) names.add(rec.text(i));
                h.header(names);
                return;
            }
            Row row = new Row(rec, file);
            while (rec.next()) {
                if (rec.cells() != width[0]) {
                    throw new BadInputException(file + ":" + rec.line() + ": expected " + width[0] + " columns (as the header), found " + rec.cells());
                }
                h.record(row);
            }
        }, Progress.Task.NONE);
        if (width[0] < 0) throw new BadInputException(file + ":1: no header row (expected column names)");
    }
}
