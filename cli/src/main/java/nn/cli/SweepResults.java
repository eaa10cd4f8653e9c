package nn.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import nn.core.BadInputException;
import nn.core.Json;

/**
 * A sweep's {@code results.jsonl}: one JSON object per finished run, appended as each run ends. A line is written
 * with one write of the whole line and forced to disk, so a process killed at any instant leaves whole lines and at
 * most a torn last one, which the next sweep in the folder cuts off before appending. The latest line of a run
 * (its {@code run} folder and {@code config_sha}) is the one that counts.
 */
final class SweepResults {
    static final String FILE = "results.jsonl";
    /** The keys a line has beside the run's summary (those of nn train --summary json). */
    static final java.util.List<String> OWN = java.util.List.of("run", "point", "overrides", "status", "error", "config_sha");

    private final Path file;
    private final Map<String, Map<String, Object>> latest = new LinkedHashMap<>();

    private SweepResults(Path file) {
        this.file = file;
    }

    /** The results in dir, if any (a torn last line, from a killed sweep, cut off). */
    static SweepResults open(Path dir) {
        SweepResults r = new SweepResults(dir.resolve(FILE));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(r.file);
        } catch (NoSuchFileException e) {
            return r;
        } catch (IOException e) {
            throw BadInputException.io(r.file.toString(), "read", e);
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') end--;
        if (end < bytes.length) {
            try (FileChannel ch = FileChannel.open(r.file, StandardOpenOption.WRITE)) {
                ch.truncate(end);
            } catch (IOException e) {
                throw BadInputException.io(r.file.toString(), "cut the torn last line of", e);
            }
        }
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) continue;
            Object o;
            try {
                o = Json.read(line);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(r.file + ":" + lineNo + ": not a JSON object (" + e.getMessage() + "); a sweep writes one per run:"
                        + " delete the line to run that run again");
            }
            if (!(o instanceof Map<?, ?> m) || !(m.get("run") instanceof String run) || !(m.get("config_sha") instanceof String sha)) {
                throw new BadInputException(r.file + ":" + lineNo + ": not a sweep result (no run and config_sha); delete the line to run that run again");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> line2 = (Map<String, Object>) m;
            r.latest.put(run + " " + sha, line2);
        }
        return r;
    }

    /** The latest result of the run in folder run with config hash sha, or null. */
    synchronized Map<String, Object> get(String run, String sha) {
        return latest.get(run + " " + sha);
    }

    /** Appends one run's line (one write, forced to disk) and remembers it. */
    synchronized void append(Map<String, Object> line) {
        byte[] bytes = (Json.write(line, Json.NonFinite.AS_NULL) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b);
            ch.force(false);
        } catch (IOException e) {
            throw BadInputException.io(file.toString(), "append to", e);
        }
        latest.put(line.get("run") + " " + line.get("config_sha"), line);
    }

    Path file() {
        return file;
    }
}
