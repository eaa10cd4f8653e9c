package nn.core.spi;

/** Makes a {@link Layer} from its config entry under {@code model.layers}. */
public interface LayerProvider extends Provider {
    /**
     * @param spec the layer's config: its parameters, input width, and the plugins it names
     */
    Layer create(LayerSpec spec);
}
