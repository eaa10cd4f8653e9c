package nn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One case of the bad-input corpus: what to run and what must come back. The text format is described in
 * {@code tests/bad-input/README.md}; {@link #parse} reads it, and generated cases (inputs too large to keep as files)
 * are built in code with the same fields.
 *
 * @param id      where the case comes from: its path under tests/bad-input, or a name for a generated case
 * @param about   the comment lines at the top: why the answer expected is the right one
 * @param args    nn's arguments, {@code $DIR} not yet replaced
 * @param exit    the exit code expected
 * @param stderr  the regex the one stderr line must match in full, {@code $DIR} not yet replaced
 * @param setups  nn runs (arguments) made before the case, each of which must exit 0
 * @param files   what to put in the case's folder before anything runs
 * @param stdin   what nn reads as standard input
 */
record BadInputCase(String id, String about, List<String> args, int exit, String stderr, List<List<String>> setups,
                    List<Input> files, byte[] stdin) {
    /** The placeholder for the case's own temporary folder. */
    static final String DIR = "$DIR";

    private static final Pattern SECTION = Pattern.compile("--- (file|copy|stdin)\\b(.*)");

    /**
     * A file put into the case's folder: bytes given here (text, in which $DIR is replaced, or exact bytes), or a
     * copy of a project file (copyOf: its path from the project root).
     */
    record Input(String name, byte[] bytes, boolean text, String copyOf) {
        static Input text(String name, String text) {
            return new Input(name, text.getBytes(StandardCharsets.UTF_8), true, null);
        }

        static Input bytes(String name, byte[] bytes) {
            return new Input(name, bytes, false, null);
        }
    }

    /**
     * Reads a .case file. The header: comment lines ({@code #}), then {@code args:}, {@code exit:}, {@code stderr:}
     * and any number of {@code setup:} lines; then sections, each starting with a line {@code --- file NAME [base64]},
     * {@code --- copy NAME FROM} or {@code --- stdin [base64]}, running to the next such line.
     */
    static BadInputCase parse(String id, String text) {
        List<String> lines = List.of(text.split("\n", -1));
        StringBuilder about = new StringBuilder();
        String args = null, exit = null, stderr = null;
        List<List<String>> setups = new ArrayList<>();
        int i = 0;
        for (; i < lines.size() && !SECTION.matcher(lines.get(i)).matches(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            if (line.startsWith("#")) {
                about.append(about.length() == 0 ? "" : " ").append(line.substring(1).trim());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) throw new IllegalArgumentException(id + ":" + (i + 1) + ": expected KEY: VALUE, found '" + line + "'");
            String key = line.substring(0, colon), value = line.substring(colon + 1).strip();
            switch (key) {
                case "args" -> args = once(id, i, key, args, value);
                case "exit" -> exit = once(id, i, key, exit, value);
                case "stderr" -> stderr = once(id, i, key, stderr, value);
                case "setup" -> setups.add(split(value));
                default -> throw new IllegalArgumentException(id + ":" + (i + 1) + ": unknown key '" + key + "' (args, exit, stderr, setup)");
            }
        }
        if (args == null || exit == null || stderr == null) throw new IllegalArgumentException(id + ": args:, exit: and stderr: are required");
        if (about.length() == 0) throw new IllegalArgumentException(id + ": say in a # comment why the expected answer is right");
        List<Input> files = new ArrayList<>();
        byte[] stdin = new byte[0];
        while (i < lines.size()) {
            Matcher m = SECTION.matcher(lines.get(i));
            if (!m.matches()) throw new IllegalStateException();
            String kind = m.group(1);
            List<String> words = split(m.group(2).strip());
            int start = ++i;
            while (i < lines.size() && !SECTION.matcher(lines.get(i)).matches()) i++;
            List<String> body = lines.subList(start, i);
            switch (kind) {
                case "file" -> {
                    if (words.isEmpty() || words.size() > 2 || words.size() == 2 && !words.get(1).equals("base64")) {
                        throw new IllegalArgumentException(id + ":" + start + ": expected --- file NAME [base64]");
                    }
                    boolean base64 = words.size() == 2;
                    files.add(new Input(words.get(0), content(body, base64), !base64, null));
                }
                case "copy" -> {
                    if (words.size() != 2) throw new IllegalArgumentException(id + ":" + start + ": expected --- copy NAME FROM");
                    files.add(new Input(words.get(0), null, false, words.get(1)));
                }
                default -> {
                    if (words.size() > 1 || words.size() == 1 && !words.get(0).equals("base64")) {
                        throw new IllegalArgumentException(id + ":" + start + ": expected --- stdin [base64]");
                    }
                    stdin = content(body, words.size() == 1);
                }
            }
        }
        return new BadInputCase(id, about.toString(), split(args), Integer.parseInt(exit), stderr, setups, files, stdin);
    }

    private static String once(String id, int line, String key, String old, String value) {
        if (old != null) throw new IllegalArgumentException(id + ":" + (line + 1) + ": " + key + ": given twice");
        return value;
    }

    /**
     * A section's bytes: its lines, each ended by a newline, except that the case file's own last newline ends the
     * section rather than adding an empty line; base64 sections are decoded (line breaks ignored).
     */
    private static byte[] content(List<String> body, boolean base64) {
        List<String> lines = new ArrayList<>(body);
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        if (base64) return Base64.getMimeDecoder().decode(String.join("", lines));
        StringBuilder s = new StringBuilder();
        for (String l : lines) s.append(l).append('\n');
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Splits on spaces; single quotes group (nothing is escaped inside them), and '' is an empty argument. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false, quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') quoted = false;
                else cur.append(c);
            } else if (c == '\'') {
                quoted = inWord = true;
            } else if (c == ' ' || c == '\t') {
                if (inWord) out.add(cur.toString());
                cur.setLength(0);
                inWord = false;
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quoted) throw new IllegalArgumentException("unclosed quote in: " + line);
        if (inWord) out.add(cur.toString());
        return out;
    }

    /** Puts the case's files into dir: text files with $DIR replaced by dir, base64 and copies byte for byte. */
    void writeFiles(Path dir, Path project) throws IOException {
        for (Input f : files) {
            Path to = dir.resolve(f.name()).normalize();
            if (!to.startsWith(dir)) throw new IllegalArgumentException(id + ": " + f.name() + " is outside the case's folder");
            Files.createDirectories(to.getParent());
            if (f.copyOf() != null) {
                Path from = project.resolve(f.copyOf()).normalize();
                if (!from.startsWith(project.normalize())) throw new IllegalArgumentException(id + ": " + f.copyOf() + " is outside the project");
                Files.copy(from, to);
            } else if (f.text()) {
                Files.writeString(to, new String(f.bytes(), StandardCharsets.UTF_8).replace(DIR, dir.toString()));
            } else {
                Files.write(to, f.bytes());
            }
        }
    }

    /** args with $DIR replaced. */
    static List<String> substitute(List<String> args, Path dir) {
        return args.stream().map(a -> a.replace(DIR, dir.toString())).toList();
    }

    /** The stderr regex with $DIR replaced by the folder, quoted. */
    Pattern stderrPattern(Path dir) {
        return Pattern.compile(stderr.replace(DIR, Pattern.quote(dir.toString())));
    }

    @Override
    public String toString() {
        return id;
    }
}
