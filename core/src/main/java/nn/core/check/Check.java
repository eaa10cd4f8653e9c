package nn.core.check;

/**
 * One row of {@code nn plugins --check}: one check of one provider at one parameter or element.
 *
 * <p>For a derivative, analytic is the provider's own value (its backward pass or gradient) and numeric the central
 * difference, with their absolute and relative error. For a property (an optimizer step, an initializer's fill),
 * analytic is what was found and numeric what was expected, or null where nothing is expected. Null columns do not
 * apply to the check.
 *
 * @param kind  activation, loss, layer, optimizer or initializer
 * @param name  the provider's name (its class, when two providers of the kind share the name)
 * @param check what is checked, e.g. {@code backward}, {@code train}, {@code state_round_trip}
 * @param param which parameter, element or case, e.g. {@code layers.0.bias[1]}, {@code z[2,0]}; or the error
 */
public record Check(String kind, String name, String check, String param, Double analytic, Double numeric, Double absErr,
                    Double relErr, boolean ok) {
    /** The first words of the summary line about a failed check: which provider, which check, which parameter. */
    public String where() {
        return kind + " " + name + " " + check + " " + param;
    }
}
