package nn.core.spi;

/** Makes a {@link Loss} from its config parameters. */
public interface LossProvider extends Provider {
    Loss create(Params p);

    /** True when the targets are class labels (one-hot or probabilities): accuracy is then reported. */
    default boolean classification() {
        return false;
    }
}
