package nn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nn.core.BadInputException;

/**
 * Reads what {@code nn train --metrics FILE} writes: CSV with a header row, or (for .jsonl) one flat JSON object of
 * numbers per line. Empty CSV cells and JSON nulls are absent keys. Errors name {@code file:line}.
 */
final class MetricsReader {
    private static final Pattern PAIR = Pattern.compile("\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*(null|-?[0-9][0-9.eE+-]*|\"(?:NaN|-?Infinity)\")\\s*");

    private MetricsReader() {}

    /** The rows of file, one map per epoch, in file order; at least one row with an epoch and a train_loss. */
    static List<Map<String, Double>> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw BadInputException.io(file.toString(), "read", ex);
        }
        List<Map<String, Double>> rows = file.toString().endsWith(".jsonl") ? jsonl(file, lines) : csv(file, lines);
        if (rows.isEmpty()) throw new BadInputException(file + ":1: no metrics rows (expected what nn train --metrics writes)");
        for (int i = 0; i < rows.size(); i++) {
            for (String k : List.of("epoch", "train_loss")) {
                if (!rows.get(i).containsKey(k)) throw new BadInputException(file + ":" + line(file, i) + ": no '" + k + "' value (columns: " + String.join(", ", rows.get(i).keySet()) + ")");
            }
        }
        return rows;
    }

    private static int line(Path file, int row) {
        return file.toString().endsWith(".jsonl") ? row + 1 : row + 2;
    }

    private static List<Map<String, Double>> csv(Path file, List<String> lines) {
        List<Map<String, Double>> rows = new ArrayList<>();
        if (lines.isEmpty() || lines.get(0).isBlank()) return rows;
        String[] header = lines.get(0).trim().split(",", -1);
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty()) continue;
            String[] cells = l.split(",", -1);
            if (cells.length != header.length) {
                throw new BadInputException(file + ":" + (i + 1) + ": " + cells.length + " cells, but the header has " + header.length + " columns");
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int c = 0; c < cells.length; c++) {
                if (cells[c].isBlank()) continue;
                row.put(header[c].trim(), number(file, i + 1, header[c].trim(), cells[c].trim()));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Double>> jsonl(Path file, List<String> lines) {
        List<Map<String, Double>> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty()) continue;
            if (!l.startsWith("{") || !l.endsWith("}")) throw new BadInputException(file + ":" + (i + 1) + ": not a JSON object: " + quote(l));
            Map<String, Double> row = new LinkedHashMap<>();
            String body = l.substring(1, l.length() - 1);
            if (!body.isBlank()) {
                for (String part : body.split(",")) {
                    Matcher m = PAIR.matcher(part);
                    if (!m.matches()) throw new BadInputException(file + ":" + (i + 1) + ": expected \"name\": number, found " + quote(part.trim()));
                    if (!m.group(2).equals("null")) row.put(m.group(1), number(file, i + 1, m.group(1), m.group(2).replace("\"", "")));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static double number(Path file, int line, String column, String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException ex) {
            throw new BadInputException(file + ":" + line + ": " + column + ": not a number: " + quote(s));
        }
    }

    private static String quote(String s) {
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }
}
