package nn.core.explain;

import java.util.ArrayList;
import java.util.List;
import nn.core.BadInputException;
import nn.core.Names;
import nn.core.spi.Parameter;
import nn.core.train.Gradients;
import nn.core.train.Network;

/**
 * One parameter element: its global name as {@code nn grad} prints it (w1.., b1.., numbered in report order), its
 * path ({@code layers.1.weight[1,0]}) its place: layer, unit (row of W or index of b), input (column of W; -1
 * for a bias), and its value.
 */
public record ParamRef(String name, String path, int layer, boolean bias, int unit, int input, double value) {
    /** Every parameter element of net, in report order and named as {@link Gradients#elements} names them. */
    public static List<ParamRef> all(Network net) {
        List<ParamRef> out = new ArrayList<>();
        for (Gradients.Element e : Gradients.elements(net)) {
            Parameter p = e.p();
            boolean bias = p.shape().length == 1;
            int cols = bias ? 1 : p.shape()[1], i = e.index();
            out.add(new ParamRef(e.name(), e.param(), e.layer(), bias, bias ? i : i / cols, bias ? -1 : i % cols, e.value()));
        }
        return out;
    }

    /** The element of all named text (a global name such as w3, in any case, or a path such as layers.0.weight[0,0]); null for none. */
    public static ParamRef find(List<ParamRef> all, String text) {
        String t = text.replace(" ", "");
        for (ParamRef r : all) if (r.name.equalsIgnoreCase(t) || r.path.equals(t)) return r;
        return null;
    }

    /** The element named text ({@link #find}); an unknown name is a one-line error naming the closest. */
    public static ParamRef resolve(Network net, String text) {
        List<ParamRef> all = all(net);
        ParamRef found = find(all, text);
        if (found != null) return found;
        List<String> names = all.stream().map(ParamRef::name).toList();
        String near = Names.closest(text, names);
        throw new BadInputException("--explain: unknown parameter '" + text + "' ("
                + (near == null ? "" : "did you mean " + near + "? ") + "known: " + String.join(", ", names)
                + ", or a path such as " + all.get(0).path + ")");
    }

    /** The global name of weight W[unit, input] of layer. */
    static String weightName(List<ParamRef> all, int layer, int unit, int input) {
        for (ParamRef r : all) if (!r.bias && r.layer == layer && r.unit == unit && r.input == input) return r.name;
        throw new IllegalArgumentException("no weight [" + unit + "," + input + "] in layer " + layer);
    }
}
