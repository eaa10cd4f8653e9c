package nn.core.spi;

/** Makes an {@link Activation} from its config parameters. One provider per file, listed in META-INF/services. */
public interface ActivationProvider extends Provider {
    Activation create(Params p);
}
