package nn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import nn.core.BadInputException;
import nn.core.DivergedException;
import nn.core.train.Plugins;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: subcommands, exit codes and the one-line error report. */
@Command(name = "nn", mixinStandardHelpOptions = true, versionProvider = Nn.Version.class,
        description = "Train feed-forward neural networks declared in YAML, and show exact per-weight gradients.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  a failed check (grad/plugins --check), failed sweep runs, or a bug", "  2  bad input (config, data, checkpoint, usage)",
                "  3  training diverged (NaN or infinite loss or weight)"})
public final class Nn implements Callable<Integer> {
    public static final int OK = 0, FAILED = 1, BAD_INPUT = 2, DIVERGED = 3;

    @Spec
    CommandSpec spec;

    private Plugins plugins;
    private InputStream stdin = System.in;

    @CommandLine.Option(names = "--plugins", paramLabel = "DIR_OR_JAR", scope = CommandLine.ScopeType.INHERIT,
            description = "Load the providers of this jar (or of every jar in this folder); repeatable. NN_PLUGIN_PATH lists more, a config's plugins: too.")
    List<java.nio.file.Path> pluginPaths = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_INPUT;
    }

    /** The built-in providers and those of --plugins and NN_PLUGIN_PATH (loaded once). */
    Plugins plugins() {
        if (plugins == null) {
            List<java.nio.file.Path> jars = new java.util.ArrayList<>(nn.core.train.PluginJars.expand(pluginPaths, "--plugins"));
            jars.addAll(nn.core.train.PluginJars.expand(nn.core.train.PluginJars.split(System.getenv("NN_PLUGIN_PATH")), "NN_PLUGIN_PATH:"));
            plugins = Plugins.load(Nn.class.getClassLoader(), jars);
        }
        return plugins;
    }

    InputStream stdin() {
        return stdin;
    }

    /** For tests: what "-" reads. */
    Nn stdin(InputStream in) {
        this.stdin = in;
        return this;
    }

    /**
     * The subcommands, in the order help lists them. picocli builds a command's model from its annotations by
     * reflection, which is a large part of start-up: a run builds only the subcommand it names ({@link #run}).
     */
    private static final java.util.Map<String, Class<?>> SUBCOMMANDS = new java.util.LinkedHashMap<>();

    static {
        for (Class<?> c : List.of(GradCommand.class, TrainCommand.class, SweepCommand.class, PredictCommand.class, EvalCommand.class, InspectCommand.class,
                DrawCommand.class, PlotCommand.class, SummaryCommand.class, PluginsCommand.class, CommandLine.HelpCommand.class,
                picocli.AutoComplete.GenerateCompletion.class)) {
            SUBCOMMANDS.put(c.getAnnotation(Command.class).name(), c);
        }
    }

    /** nn with every subcommand. */
    public static CommandLine commandLine() {
        return commandLine(new Nn());
    }

    /** nn with every subcommand, or for args only those they need: the one named, or none for --version. */
    static CommandLine commandLine(Nn root, String... args) {
        CommandLine cl = new CommandLine(root);
        String first = args.length > 0 ? args[0] : null;
        boolean version = "--version".equals(first) || "-V".equals(first);
        boolean one = first != null && SUBCOMMANDS.containsKey(first) && !first.equals("help") && !first.equals("generate-completion");
        for (Map.Entry<String, Class<?>> s : SUBCOMMANDS.entrySet()) {
            if (!version && (!one || s.getKey().equals(first))) cl.addSubcommand(s.getKey(), s.getValue());
        }
        return configure(cl);
    }

    /**
     * Runs nn with these arguments and returns the exit code. Running out of heap is bad input too (the data or the
     * model is larger than the JVM may use), said in one line with the fix, rather than a JVM stack trace.
     */
    static int run(String... args) {
        CommandLine cl = commandLine(new Nn(), args);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            long max = Runtime.getRuntime().maxMemory() >> 20;
            cl.getErr().println("nn: out of memory: the data or the model needs more than the JVM's " + max + " MiB of heap"
                    + " (give it more: NN_JAVA_OPTS=-Xmx" + Math.max(2, 4 * max / 1024) + "g ./nn ...; or make the data or the model smaller)");
            cl.getErr().flush();
            return BAD_INPUT;
        }
    }

    static CommandLine commandLine(Nn root) {
        return commandLine(root, new String[0]);
    }

    private static CommandLine configure(CommandLine cl) {
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(Nn::handle);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("nn: " + usageProblem(ex) + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return BAD_INPUT;
        });
        return cl;
    }

    /**
     * picocli's complaint, with the closest name for a misspelt command or option ({@code nn gard}: did you mean
     * grad?), as {@link nn.core.Names} suggests config keys.
     */
    static String usageProblem(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            CommandSpec spec = ex.getCommandLine().getCommandSpec();
            if (arg.startsWith("-")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                java.util.Set<String> options = new java.util.TreeSet<>();
                spec.options().forEach(o -> options.addAll(List.of(o.names())));
                String near = nn.core.Names.closest(name, options);
                return "unknown option '" + name + "'" + (near == null ? "" : " (did you mean " + near + "?)");
            }
            if (!spec.subcommands().isEmpty()) return unknownCommand(arg);
        }
        // nn help gard: picocli's help command says "Unknown subcommand 'gard'." with the name as the value
        if (ex.getValue() != null && String.valueOf(ex.getMessage()).startsWith("Unknown subcommand '")) return unknownCommand(ex.getValue());
        return ex.getMessage();
    }

    private static String unknownCommand(String name) {
        return "unknown command '" + name + "' " + nn.core.Names.suggest(name, SUBCOMMANDS.keySet());
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult pr) {
        PrintWriter err = cl.getErr();
        boolean verbose = pr != null && matched(pr, "--verbose");
        int code;
        if (ex instanceof BadInputException) {
            err.println("nn: " + ex.getMessage());
            code = BAD_INPUT;
        } else if (ex instanceof DivergedException) {
            err.println("nn: training diverged: " + ex.getMessage());
            code = DIVERGED;
        } else {
            err.println("nn: internal error (a bug; please report it with this trace):");
            ex.printStackTrace(err);
            err.flush();
            return FAILED;
        }
        if (verbose) ex.printStackTrace(err);
        err.flush();
        return code;
    }

    private static boolean matched(CommandLine.ParseResult pr, String option) {
        for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(option)) return true;
        }
        return false;
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Nn.class.getResourceAsStream("/nn-version.properties")) {
                if (in != null) p.load(in);
            }
            return new String[] {"nn " + p.getProperty("version", "unknown") + " (Java " + Runtime.version() + ", kernel " + nn.core.tensor.Gemm.kernel() + ")"};
        }
    }
}
