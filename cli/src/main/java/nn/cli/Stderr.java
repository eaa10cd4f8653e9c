package nn.cli;

import java.io.PrintStream;

/**
 * The process's stderr as lines above at most one progress bar, as tqdm's {@code write} keeps them: a line clears
 * the bar, is printed, and the bar is drawn again below it, so no line is ever overwritten. The bar is redrawn in
 * place with a carriage return, then erased to the end of the line ({@code ESC [K}, or spaces on a dumb terminal).
 * One lock orders everything written, from the logger and from the bar's own thread. Logging ({@link LogSetup})
 * and the bars of {@code nn train} ({@link #consumer}) write through it.
 */
final class Stderr {
    private static final Object LOCK = new Object();
    private static String bar;      // what the bar shows now, or null when none is drawn
    private static int drawn;       // its length on screen, for blanking on a dumb terminal

    private Stderr() {}

    private static PrintStream err() {
        return System.err;
    }

    private static boolean dumb() {
        return "dumb".equals(System.getenv("TERM"));
    }

    /** Writes one line (without its newline) above the bar, if one is drawn. */
    static void line(String text) {
        synchronized (LOCK) {
            PrintStream err = err();
            if (bar != null) erase(err);
            err.print(text);
            err.print('\n');
            if (bar != null) draw(err, bar);
            err.flush();
        }
    }

    /** Draws the bar's new text in place of the old. */
    static void bar(String text) {
        synchronized (LOCK) {
            PrintStream err = err();
            erase(err);
            draw(err, text);
            bar = text;
            err.flush();
        }
    }

    /** Erases the bar and forgets it. */
    static void clearBar() {
        synchronized (LOCK) {
            if (bar == null) return;
            PrintStream err = err();
            erase(err);
            bar = null;
            err.flush();
        }
    }

    private static void erase(PrintStream err) {
        if (dumb()) err.print("\r" + " ".repeat(drawn) + "\r");
        else err.print("\r\033[K");
    }

    private static void draw(PrintStream err, String text) {
        err.print(text);
        drawn = text.length();
    }

    /** The terminal's width from COLUMNS, else 100. */
    static int width() {
        try {
            String c = System.getenv("COLUMNS");
            return c == null ? 100 : Math.max(40, Integer.parseInt(c.trim()));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** A progressbar consumer that draws through here, so that log lines go above the bar. */
    static me.tongfei.progressbar.ProgressBarConsumer consumer() {
        return new me.tongfei.progressbar.ProgressBarConsumer() {
            @Override public int getMaxRenderedLength() {
                return width() - 1;
            }

            @Override public void accept(String rendered) {
                bar(rendered);
            }

            @Override public void clear() {
                clearBar();
            }

            @Override public void close() {
                clearBar();
            }
        };
    }
}
