package nn.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state arrays of an {@link Optimizer}, laid out as torch.optim's state_dict is: a step counter, then for each
 * parameter i its buffers, named {@code i.NAME} ({@code 0.exp_avg}, {@code 0.exp_avg_sq}, {@code 1.exp_avg}, ...),
 * each zeroed and as long as the parameter. {@link #map()} is what {@link Optimizer#state()} returns.
 */
public final class OptimizerState {
    private final double[] step = new double[1];
    private final Map<String, double[][]> slots = new LinkedHashMap<>();
    private final Map<String, double[]> map = new LinkedHashMap<>();
    private final int count;

    /** @param names the buffer names every parameter gets, in order */
    public OptimizerState(List<Parameter> params, List<String> names) {
        count = params.size();
        map.put("step", step);
        for (String name : names) slots.put(name, new double[params.size()][]);
        for (int i = 0; i < params.size(); i++) {
            for (String name : names) {
                double[] a = new double[params.get(i).size()];
                slots.get(name)[i] = a;
                map.put(i + "." + name, a);
            }
        }
    }

    /** The step counter: steps taken so far, as a one-element array (saved with the rest). */
    public double[] step() {
        return step;
    }

    /**
     * The buffer NAME of every parameter, by parameter index; when no buffer of that name was asked for, an array of
     * nulls (an optimizer reads it only when the option that needs it is on).
     */
    public double[][] slot(String name) {
        double[][] s = slots.get(name);
        return s != null ? s : new double[count][];
    }

    public Map<String, double[]> map() {
        return Collections.unmodifiableMap(map);
    }
}
