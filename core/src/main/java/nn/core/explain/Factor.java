package nn.core.explain;

/**
 * One factor of a path product, with its name as text and LaTeX and its value. For an activation derivative
 * f'(z_u), {@code fText}/{@code fLatex}/{@code fValue} hold f(z_u), what a learner may write in its place.
 *
 * @param layer the layer the factor belongs to (the weight's layer; the unit's layer; for INPUT the parameter's)
 * @param unit  the unit (the weight's output unit; the unit of f'; the input index for INPUT; the output for SEED)
 */
public record Factor(Kind kind, int layer, int unit, String text, String latex, double value,
                     String fText, String fLatex, double fValue) {
    public enum Kind {
        /** dL/dO: the loss's derivative with respect to an output (--of loss only). */
        SEED,
        /** f'(z_u): an activation's derivative at a unit. */
        DERIV,
        /** a weight on the path. */
        WEIGHT,
        /** the input the parameter multiplies (absent for a bias). */
        INPUT
    }

    static Factor of(Kind kind, int layer, int unit, String text, String latex, double value) {
        return new Factor(kind, layer, unit, text, latex, value, null, null, Double.NaN);
    }

    /** f(z_u) in place of f'(z_u): the mistaken factor. */
    Factor asFunction() {
        return new Factor(kind, layer, unit, fText, fLatex, fValue, fText, fLatex, fValue);
    }
}
