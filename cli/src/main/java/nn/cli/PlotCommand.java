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
                "Several files are overlaid, named by file name. Loss is log-scaled when it spans more than two decades."})
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
        for (Path f : files) runs.add(new Charts.Run(f.getFileName().toString(), MetricsReader.read(f)));
        Charts.write(runs, output, width, height);
        return Nn.OK;
    }
}
