package nn.core;

/** Training produced a NaN or infinite loss or weight: reported as one line, exit code 3. */
public class DivergedException extends RuntimeException {
    public DivergedException(String message) {
        super(message);
    }
}
