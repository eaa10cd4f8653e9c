package nn.core.spi;

/** Makes an {@link Initializer} from its config parameters ({@code weights: {init: NAME, ...}}). */
public interface InitializerProvider extends Provider {
    Initializer create(Params p);
}
