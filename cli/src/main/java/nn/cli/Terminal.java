package nn.cli;

/**
 * Whether stdout and stderr are terminals. Java cannot ask about each stream, so the ./nn launcher does
 * ({@code [ -t 1 ]}, {@code [ -t 2 ]}) and passes {@code -Dnn.tty.out} and {@code -Dnn.tty.err}; without them,
 * both fall back to {@code System.console() != null} (stdin and stdout both terminals).
 */
final class Terminal {
    private Terminal() {}

    static boolean stdout() {
        return flag("nn.tty.out");
    }

    static boolean stderr() {
        return flag("nn.tty.err");
    }

    private static boolean flag(String property) {
        String v = System.getProperty(property);
        return v != null ? v.equals("1") : System.console() != null;
    }
}
