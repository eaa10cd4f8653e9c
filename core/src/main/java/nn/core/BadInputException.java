package nn.core;

/**
 * A mistake in what the user gave (config, data, checkpoint, arguments): reported as one line, exit code 2.
 * The message starts with the location when there is one ({@code file:line:column: }).
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
