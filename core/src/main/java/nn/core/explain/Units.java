package nn.core.explain;

/**
 * Names of the units of a dense stack, as explanations print them: inputs I (one input) or I1, I2, ..; hidden
 * units h1 (a one-unit first layer) or h2a, h2b, .. (the units of a wider second layer; h2_27 past z); outputs O
 * (one output) or O1, O2, ... Activation derivatives are written {@code s'} for sigmoid, {@code tanh'},
 * {@code relu'}, and {@code NAME'} for any other activation provider NAME.
 */
public final class Units {
    private final int nin;
    private final int[] widths;

    public Units(int nin, int[] widths) {
        this.nin = nin;
        this.widths = widths.clone();
    }

    public int layers() {
        return widths.length;
    }

    public int width(int layer) {
        return widths[layer];
    }

    /** The name of input i. */
    public String input(int i) {
        return input(i, nin);
    }

    /** The name of unit u of layer (0-based). */
    public String unit(int layer, int u) {
        int w = widths[layer];
        return layer == widths.length - 1 ? output(u, w) : hidden(layer + 1, u, w);
    }

    /** Input i of n: I, or I1, I2, ... */
    public static String input(int i, int n) {
        return n == 1 ? "I" : "I" + (i + 1);
    }

    /** Output j of n: O, or O1, O2, ... */
    public static String output(int j, int n) {
        return n == 1 ? "O" : "O" + (j + 1);
    }

    /** Unit j of hidden layer k (1-based) of the given width: hk, or hka, hkb, ... (hk_27 past z). */
    public static String hidden(int k, int j, int width) {
        String h = "h" + k;
        if (width == 1) return h;
        return j < 26 ? h + (char) ('a' + j) : h + "_" + (j + 1);
    }

    /** The name of input i of layer: an input of the network, or a unit of the layer before. */
    public String inputOf(int layer, int i) {
        return layer == 0 ? input(i) : unit(layer - 1, i);
    }

    /** A name as LaTeX: O, O_{2}, h_{2a}, I_{1}, w_{4}. */
    public static String latex(String name) {
        if (name.length() == 1) return name;
        String rest = name.substring(1).replace("_", "");
        return name.charAt(0) + "_{" + rest + "}";
    }

    /** The short symbol of an activation: s (sigmoid), tanh, relu, or the provider's name. */
    public static String symbol(String activation) {
        return "sigmoid".equals(activation) ? "s" : activation;
    }

    /** The LaTeX symbol of an activation: \sigma, \tanh, or \mathrm{name}. */
    public static String latexSymbol(String activation) {
        if ("sigmoid".equals(activation)) return "\\sigma";
        if ("tanh".equals(activation)) return "\\tanh";
        return "\\mathrm{" + activation.replace("_", "\\_") + "}";
    }
}
