package nn.cli;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import nn.core.AtomicFile;
import nn.core.BadInputException;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves: loss (train and validation) against epoch, and accuracy in a second chart below when the runs
 * have it; one colour per run, validation dashed. Loss is drawn on a log scale when it spans more than two decades.
 */
final class Charts {
    /** One run's per-epoch rows (epoch, lr, train_loss, val_loss, ...), named for the legend. */
    record Run(String name, List<Map<String, Double>> rows) {}

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final String BARS = "▁▂▃▄▅▆▇█";

    private Charts() {}

    /** The largest side of an image, in pixels: 10 000 × 10 000 is 400 MB of pixels to draw, and more than a chart needs. */
    static final int MAX_SIDE = 10_000;

    /**
     * Refuses, before any work, an image {@code option out} cannot be ({@link OutputPath#file}, .png or .svg, each
     * side from 100 to {@link #MAX_SIDE} pixels), naming the option.
     */
    static void check(String option, Path out, int width, int height) {
        OutputPath.file(option, out);
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".svg") && !name.endsWith(".png")) {
            throw new BadInputException(option + " " + out + ": unknown image type (the name must end in .png or .svg)");
        }
        side("--width", width);
        side("--height", height);
    }

    private static void side(String option, int pixels) {
        if (pixels < 100 || pixels > MAX_SIDE) {
            throw new BadInputException(option + " " + pixels + ": must be from 100 to " + MAX_SIDE + " pixels");
        }
    }

    /** Writes the charts of runs to out: PNG or SVG by its extension, width × height pixels in all. */
    static void write(List<Run> runs, Path out, int width, int height) {
        draw(charts(runs, width, height), out, width, height);
    }

    /** One line of a {@link Curve}: its name, its y values, dashed or not. */
    record Line(String name, double[] y, boolean dashed) {}

    /** A chart of y against a common x: its title (and y axis) and its lines. */
    record Curve(String title, List<Line> lines) {}

    /** Charts of curves against x (named xName), stacked, to out as {@link #write(List, Path, int, int)} writes. */
    static void curves(String xName, List<Curve> curves, double[] x, Path out, int width, int height) {
        List<XYChart> charts = new ArrayList<>();
        for (Curve c : curves) {
            XYChart chart = chart(c.title(), c.title(), xName, width, height / curves.size());
            for (int k = 0; k < c.lines().size(); k++) {
                Line l = c.lines().get(k);
                XYSeries s = chart.addSeries(l.name(), x, l.y());
                style(s, COLOURS[k % COLOURS.length], l.dashed());
            }
            charts.add(chart);
        }
        draw(charts, out, width, height);
    }

    private static void draw(List<XYChart> charts, Path out, int width, int height) {
        boolean svg = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
        try {
            ByteArrayOutputStream os = new ByteArrayOutputStream();
            if (svg) {
                VectorGraphics2D g = new VectorGraphics2D();
                paint(g, charts, width, height);
                new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(os);
            } else {
                BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                paint(g, charts, width, height);
                g.dispose();
                ImageIO.write(img, "png", os);
            }
            AtomicFile.write(out, os.toByteArray());
        } catch (IOException ex) {
            throw BadInputException.io(out.toString(), "write", ex);
        }
    }

    /** The charts stacked top to bottom, each the full width and an equal share of the height. */
    private static void paint(Graphics2D g, List<XYChart> charts, int width, int height) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int h = height / charts.size();
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D gi = (Graphics2D) g.create();
            gi.translate(0, i * h);
            charts.get(i).paint(gi, width, i == charts.size() - 1 ? height - i * h : h);
            gi.dispose();
        }
    }

    static List<XYChart> charts(List<Run> runs, int width, int height) {
        boolean accuracy = runs.stream().anyMatch(r -> has(r, "train_accuracy") || has(r, "val_accuracy"));
        int h = accuracy ? height / 2 : height;
        List<XYChart> out = new ArrayList<>();
        XYChart loss = chart("Loss", "loss", width, h);
        add(loss, runs, "loss");
        loss.getStyler().setYAxisLogarithmic(spansDecades(runs));
        out.add(loss);
        if (accuracy) {
            XYChart acc = chart("Accuracy", "accuracy", width, h);
            acc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
            add(acc, runs, "accuracy");
            out.add(acc);
        }
        return out;
    }

    private static XYChart chart(String title, String y, int width, int height) {
        XYChart c = chart(title, y, "epoch", width, height);
        c.getStyler().setXAxisMin(0.0);
        return c;
    }

    private static XYChart chart(String title, String y, String x, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(x).yAxisTitle(y).build();
        XYStyler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBorderColor(new Color(0xcccccc));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return c;
    }

    /**
     * Adds train_KEY and val_KEY of every run: one colour per run, validation dashed. XChart puts a tick on every
     * k-th value of equally spaced x data (epoch 87, 174, ...); an invisible point at x = 0.5 gets round ticks instead.
     */
    private static void add(XYChart chart, List<Run> runs, String key) {
        Double first = null;
        for (Run r : runs) for (Map<String, Double> m : r.rows()) if (first == null && m.get("train_" + key) != null) first = m.get("train_" + key);
        if (first != null) {
            XYSeries pin = chart.addSeries(" ", new double[] {0.5}, new double[] {first});
            pin.setMarker(SeriesMarkers.NONE);
            pin.setShowInLegend(false);
        }
        for (int k = 0; k < runs.size(); k++) {
            Run r = runs.get(k);
            String prefix = runs.size() == 1 ? "" : r.name() + " ";
            series(chart, r, "train_" + key, prefix + "train", COLOURS[k % COLOURS.length], false);
            series(chart, r, "val_" + key, prefix + "validation", COLOURS[k % COLOURS.length], true);
        }
    }

    private static void series(XYChart chart, Run r, String key, String name, Color colour, boolean dashed) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (Map<String, Double> row : r.rows()) {
            Double v = row.get(key);
            if (v != null && Double.isFinite(v) && row.get("epoch") != null) {
                x.add(row.get("epoch"));
                y.add(v);
            }
        }
        if (x.isEmpty()) return;
        style(chart.addSeries(name, x, y), colour, dashed);
    }

    private static void style(XYSeries s, Color colour, boolean dashed) {
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineWidth(2f);
        if (dashed) s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f));
    }

    private static boolean has(Run r, String key) {
        return r.rows().stream().anyMatch(m -> m.get(key) != null && Double.isFinite(m.get(key)));
    }

    /** Whether the positive losses of runs span more than two decades (and none is zero or negative). */
    static boolean spansDecades(List<Run> runs) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (Run r : runs) {
            for (Map<String, Double> m : r.rows()) {
                for (String k : List.of("train_loss", "val_loss")) {
                    Double v = m.get(k);
                    if (v == null || !Double.isFinite(v)) continue;
                    if (v <= 0) return false;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return hi > 0 && hi / lo > 100;
    }

    /** A one-line chart of values in ▁..█, width characters at most (bucket means); log-scaled over two decades. */
    static String sparkline(double[] values, int width) {
        int n = values.length, w = Math.min(width, n);
        if (w == 0) return "";
        double[] b = new double[w];
        for (int i = 0; i < w; i++) {
            int from = (int) ((long) i * n / w), to = (int) ((long) (i + 1) * n / w);
            double s = 0;
            for (int j = from; j < to; j++) s += values[j];
            b[i] = s / (to - from);
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : b) {
            if (!Double.isFinite(v)) continue;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        boolean log = lo > 0 && hi / lo > 100;
        StringBuilder sb = new StringBuilder();
        for (double v : b) {
            if (!Double.isFinite(v)) {
                sb.append(' ');
                continue;
            }
            double t = hi == lo ? 0 : log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
            sb.append(BARS.charAt((int) Math.round(t * (BARS.length() - 1))));
        }
        return sb.toString();
    }
}
