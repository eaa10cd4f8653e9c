package nn.core.config;

/**
 * Where a config value came from: a file (or an override argument) and a 1-based line and column.
 * A line of 0 means the whole source.
 */
public record Loc(String source, int line, int column) {
    @Override
    public String toString() {
        return line <= 0 ? source : source + ":" + line + ":" + column;
    }
}
