package nn.core.train;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import nn.core.BadInputException;

/**
 * External provider jars: what {@code --plugins DIR_OR_JAR}, {@code NN_PLUGIN_PATH} and a config's {@code plugins:}
 * name, checked and put on one class loader whose parent is nn's own, so that {@link java.util.ServiceLoader} finds
 * the built-in providers and theirs. A folder stands for the jars in it (sorted by name, not recursive).
 */
public final class PluginJars {
    private PluginJars() {}

    /** The jars of the paths, each checked (exists, is a jar); {@code what} names where the paths came from. */
    public static List<Path> expand(List<Path> paths, String what) {
        List<Path> jars = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
                } catch (IOException e) {
                    throw BadInputException.io(what + " " + p, "list", e);
                }
            } else {
                jars.add(p);
            }
        }
        for (Path j : jars) check(j, what);
        return jars;
    }

    /** A jar that is missing or is not a zip of classes is refused in one line. */
    private static void check(Path jar, String what) {
        if (!Files.exists(jar)) throw new BadInputException(what + " " + jar + ": no such file or folder");
        try (JarFile f = new JarFile(jar.toFile())) {
            f.size();
        } catch (IOException e) {
            throw new BadInputException(what + " " + jar + ": not a jar file (" + BadInputException.reason(e) + ")");
        }
    }

    /** The paths of a path-separator list ({@code NN_PLUGIN_PATH}); empty entries skipped. */
    public static List<Path> split(String list) {
        List<Path> out = new ArrayList<>();
        if (list == null) return out;
        for (String s : list.split(java.io.File.pathSeparator)) if (!s.isBlank()) out.add(Path.of(s.trim()));
        return out;
    }

    /** A class loader over jars, its parent the one that loaded nn; parent itself when there are none. */
    static ClassLoader loader(List<Path> jars, ClassLoader parent) {
        if (jars.isEmpty()) return parent;
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new BadInputException(jars.get(i) + ": not a usable path (" + e.getMessage() + ")");
            }
        }
        return new URLClassLoader("nn-plugins", urls, parent);
    }

    /** Where a provider's class was loaded from: its jar's path, or "built-in" for nn's own. */
    static String origin(Class<?> c, ClassLoader builtIn) {
        if (c.getClassLoader() == builtIn || c.getClassLoader() == null) return BUILT_IN;
        var source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return c.getClassLoader().getName();
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (Exception e) {
            return source.getLocation().toString();
        }
    }

    public static final String BUILT_IN = "built-in";

    /** Jars looked at for a name not loaded: those at most this deep under the config's folder, at most this many. */
    private static final int SEARCH_DEPTH = 3, SEARCH_JARS = 32;

    /**
     * A jar under dir (not among loaded) with a provider of type named name, or null: so that a config naming an
     * external provider without loading it says which --plugins it needs. Each jar is opened on a class loader of its
     * own, closed after.
     */
    static <P extends nn.core.spi.Provider> Path providing(Class<P> type, String name, Path dir, List<Path> loaded, ClassLoader builtIn) {
        List<Path> jars;
        try (Stream<Path> s = Files.walk(dir, SEARCH_DEPTH)) {
            jars = s.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().limit(SEARCH_JARS).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
        for (Path jar : jars) {
            if (loaded.stream().anyMatch(l -> l.toAbsolutePath().normalize().equals(jar.toAbsolutePath().normalize()))) continue;
            try (URLClassLoader l = new URLClassLoader(new URL[] {jar.toUri().toURL()}, builtIn)) {
                boolean[] found = {false};
                // a provider that cannot load is not the one asked for
                Registry.each(type, l, p -> found[0] |= p.getClass().getClassLoader() == l && name.equals(p.name()), e -> { });
                if (found[0]) return relative(jar);
            } catch (IOException e) {
                // not a readable jar: not a candidate
            }
        }
        return null;
    }

    /** p relative to the current folder when it is under it, as a user would type it. */
    private static Path relative(Path p) {
        Path cwd = Path.of("").toAbsolutePath(), a = p.toAbsolutePath().normalize();
        return a.startsWith(cwd) ? cwd.relativize(a) : p;
    }
}
