package nn.core;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Helpers for messages that name a wrong value: the closest valid name and the list of valid names. */
public final class Names {
    private Names() {}

    /** "(did you mean X? known: a, b, c)" or "(known: a, b, c)" when nothing is close. */
    public static String suggest(String found, Collection<String> known) {
        String list = known.stream().sorted().collect(Collectors.joining(", "));
        String near = closest(found, known);
        return near == null ? "(known: " + list + ")" : "(did you mean " + near + "? known: " + list + ")";
    }

    /** The known name with the smallest edit distance, if that distance is at most a third of its length (min 2). */
    public static String closest(String found, Collection<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : List.copyOf(known).stream().sorted().toList()) {
            int d = distance(found.toLowerCase(), k.toLowerCase());
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        if (best == null) return null;
        int limit = Math.max(2, best.length() / 3);
        return bestD <= limit ? best : null;
    }

    /** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
