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

    /** "WHERE: cannot ACTION: REASON" for a failed read or write, the reason in words rather than an exception's. */
    public static BadInputException io(String where, String action, java.io.IOException e) {
        return new BadInputException(where + ": cannot " + action + ": " + reason(e), e);
    }

    /** Why an I/O operation failed, in words: "no such file or folder", "permission denied", or the system's reason. */
    public static String reason(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file is in the way";
        if (e instanceof java.nio.file.NotDirectoryException) return "not a folder";
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) return fs.getReason();
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
