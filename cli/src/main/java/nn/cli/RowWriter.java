package nn.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.Json;

/** Writes rows of named columns as tsv (with a header), csv (with a header, RFC 4180 quoting), jsonl or json. */
final class RowWriter {
    /** The machine-readable formats. */
    enum Format { tsv, csv, jsonl, json }

    private final Format format;
    private final PrintWriter out;
    private final List<String> columns;
    private boolean any;

    RowWriter(Format format, PrintWriter out, List<String> columns) {
        this.format = format;
        this.out = out;
        this.columns = columns;
        switch (format) {
            case tsv -> out.println(String.join("\t", columns));
            case csv -> out.println(String.join(",", columns.stream().map(RowWriter::csv).toList()));
            case json -> out.print("[");
            default -> { }
        }
    }

    void row(Object... values) {
        switch (format) {
            case tsv, csv -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) sb.append(format == Format.tsv ? '\t' : ',');
                    String s = text(values[i]);
                    sb.append(format == Format.csv ? csv(s) : s);
                }
                out.println(sb);
            }
            case jsonl, json -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) m.put(columns.get(i), values[i]);
                if (format == Format.json) out.print(any ? ",\n" : "\n");
                out.print(Json.write(m, Json.NonFinite.AS_NULL));
                if (format == Format.jsonl) out.println();
            }
        }
        any = true;
    }

    void close() {
        if (format == Format.json) out.println(any ? "\n]" : "]");
        out.flush();
    }

    private static String text(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) return Num.format(d);
        return v.toString();
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
