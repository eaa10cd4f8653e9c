package nn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** nn plot: training curves from the files nn train --metrics writes. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Plot training curves (PNG or SVG) from the files 'nn train --metrics FILE' writes.",
                "Loss (train solid, validation dashed) against epoch, and accuracy below when the files have it.",
                "Several files are overlaid, named by file name (with as much of the path as tells them apart). Loss is log-scaled when it spans more than two decades."})
final class PlotCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "METRICS_FILE", description = "Metrics files (.csv, or .jsonl for JSON lines).")
    List<Path> files;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "The image to write: OUT.png or OUT.svg.")
    Path output;

    @Option(names = "--width", converter = Numbers.Count.class, defaultValue = "900", description = "Image width in pixels. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--height", converter = Numbers.Count.class, defaultValue = "600", description = "Image height in pixels. Default: ${DEFAULT-VALUE}.")
    int height;

    @Mixin
    LoggingMixin logging;

    @Override
    public Integer call() {
        logging.apply();
        Charts.check("-o", output, width, height);
        List<Charts.Run> runs = new ArrayList<>();
        List<String> names = names(files);
        for (int i = 0; i < files.size(); i++) runs.add(new Charts.Run(names.get(i), MetricsReader.read(files.get(i))));
        Charts.write(runs, output, width, height);
        return Nn.OK;
    }

    /**
     * Each file's name, or as much of its path as tells it from the others (nn sweep's runs all write metrics.csv:
     * 0-learning_rate=0.001/seed-1/metrics.csv); a file given twice gets " (2)".
     */
    static List<String> names(List<Path> files) {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            Path p = f.normalize();
            String name = p.toString();
            for (int n = 1; n <= p.getNameCount(); n++) {
                Path tail = p.subpath(p.getNameCount() - n, p.getNameCount());
                long same = files.stream().map(Path::normalize).filter(q -> q.getNameCount() >= tail.getNameCount()
                        && q.subpath(q.getNameCount() - tail.getNameCount(), q.getNameCount()).equals(tail)).count();
                if (same == 1 || n == p.getNameCount()) {
                    name = tail.toString();
                    break;
                }
            }
            String base = name;
            for (int k = 2; out.contains(name); k++) name = base + " (" + k + ")";
            out.add(name);
        }
        return out;
    }
}
