package nn.core.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nn.core.BadInputException;

/** A CSV header row: the column of each name. Columns are chosen by name, so two columns of one name are refused. */
public final class CsvHeader {
    private CsvHeader() {}

    /** name → 0-based column; a repeated name is a BadInputException naming both columns (1-based, as editors count). */
    public static Map<String, Integer> index(List<String> names, String file) {
        Map<String, Integer> col = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Integer first = col.putIfAbsent(names.get(i), i);
            if (first != null) {
                throw new BadInputException(file + ":1: columns " + (first + 1) + " and " + (i + 1) + " are both named '" + names.get(i)
                        + "' (columns are chosen by name: rename one)");
            }
        }
        return col;
    }
}
