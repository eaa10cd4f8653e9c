package nn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import nn.core.BadInputException;

/**
 * Checks a path nn will write, when the command starts: before any data is read, any file is written or any row is
 * printed, so that a mistyped folder costs nothing and leaves nothing behind. Folders are never created for a file
 * the user names (a typo would silently make one); only the checkpoint folder is, as nn names it by default.
 */
final class OutputPath {
    private OutputPath() {}

    /** A file to be written (replaced if it exists): its folder must exist, and it must not be a folder itself. */
    static void file(String option, Path p) {
        if (p == null) return;
        if (Files.isDirectory(p)) throw new BadInputException(option + " " + p + ": is a folder (name a file in it)");
        Path dir = p.toAbsolutePath().getParent();
        if (dir == null) return;
        if (!Files.exists(dir)) {
            throw new BadInputException(option + " " + p + ": the folder " + dir + " does not exist (create it first: mkdir -p " + dir + ")");
        }
        if (!Files.isDirectory(dir)) throw new BadInputException(option + " " + p + ": " + dir + " is a file, not a folder");
        if (!Files.isWritable(dir)) throw new BadInputException(option + " " + p + ": the folder " + dir + " is not writable");
    }

    /** A folder nn creates if needed: it must not be a file, and its nearest existing ancestor a writable folder. */
    static void folder(String option, Path p) {
        Path a = p.toAbsolutePath();
        if (Files.exists(a) && !Files.isDirectory(a)) throw new BadInputException(option + " " + p + ": is a file, not a folder");
        while (a != null && !Files.exists(a)) a = a.getParent();
        if (a == null) return;
        if (!Files.isDirectory(a)) throw new BadInputException(option + " " + p + ": " + a + " is a file, not a folder");
        if (!Files.isWritable(a)) throw new BadInputException(option + " " + p + ": the folder " + a + " is not writable");
    }
}
