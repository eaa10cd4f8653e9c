package nn.core.spi;

/** Makes a {@link Loss} from its config parameters. */
public interface LossProvider extends Provider {
    Loss create(Params p);

    /** True when the targets are class labels (one-hot or probabilities): accuracy is then reported. */
    default boolean classification() {
        return false;
    }

    /**
     * Null when this loss can be right after an output layer of {@code units} units with {@code activation}; otherwise
     * what it needs instead, as a phrase ("needs a sigmoid output layer, whose outputs are probabilities"). Config
     * reading refuses the pair with it, naming both keys, rather than training to a wrong answer or a NaN.
     */
    default String wrongOutput(String activation, int units) {
        return null;
    }
}
