package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
    private static final String CSV = "epoch,lr,train_loss,train_accuracy,val_loss,val_accuracy\n"
            + "1,0.1,1.2,0.4,1.3,0.35\n2,0.1,0.6,0.7,0.8,0.6\n3,0.1,0.3,0.9,,\n";
    private static final String JSONL = "{\"epoch\":1,\"lr\":0.1,\"train_loss\":2.0,\"val_loss\":null}\n"
            + "{\"epoch\":2,\"lr\":0.1,\"train_loss\":0.01}\n";

    @Test
    void pngHasTheRequestedSize(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), CSV), jsonl = Files.writeString(dir.resolve("b.jsonl"), JSONL);
        Path png = dir.resolve("out.png");
        Run r = Run.of("plot", csv.toString(), jsonl.toString(), "-o", png.toString(), "--width", "640", "--height", "480");
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
    }

    @Test
    void svgIsWellFormedWithTheRequestedSize(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), CSV), jsonl = Files.writeString(dir.resolve("b.jsonl"), JSONL);
        Path svg = dir.resolve("out.svg");
        Run r = Run.of("plot", csv.toString(), jsonl.toString(), "-o", svg.toString());
        assertEquals(0, r.code(), r.err());
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // the SVG 1.1 DOCTYPE
        var doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals("0 0 900 600", doc.getDocumentElement().getAttribute("viewBox"));
        // XChart draws text as glyph outlines, so the series names are paths, not text to search.
        assertTrue(doc.getElementsByTagName("path").getLength() > 50, "the curves, axes and lettering");
    }

    @Test
    void lossOverTwoDecadesIsLogScaled(@TempDir Path dir) throws Exception {
        var rows = MetricsReader.read(Files.writeString(dir.resolve("b.jsonl"), JSONL));
        assertEquals(2, rows.size());
        assertEquals(0.01, rows.get(1).get("train_loss"));
        assertTrue(!rows.get(0).containsKey("val_loss"), "null is absent");
        assertTrue(Charts.spansDecades(java.util.List.of(new Charts.Run("b", rows))));
        var flat = MetricsReader.read(Files.writeString(dir.resolve("a.csv"), CSV));
        assertEquals(3, flat.size());
        assertTrue(!Charts.spansDecades(java.util.List.of(new Charts.Run("a", flat))));
    }

    @Test
    void garbledLinesAreBadInputWithFileAndLine(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("m.jsonl"), "{\"epoch\":1,\"train_loss\":0.5}\n{\"epoch\":2,\"train_loss\":oops}\n");
        Run r = Run.of("plot", bad.toString(), "-o", dir.resolve("x.png").toString());
        assertEquals(2, r.code());
        assertEquals("nn: " + bad + ":2: expected \"name\": number, found '\"train_loss\":oops'\n", r.err());

        Path csv = Files.writeString(dir.resolve("m.csv"), "epoch,lr,train_loss\n1,0.1,0.5\n2,0.1\n");
        r = Run.of("plot", csv.toString(), "-o", dir.resolve("x.png").toString());
        assertEquals(2, r.code());
        assertEquals("nn: " + csv + ":3: 2 cells, but the header has 3 columns\n", r.err());
    }

    @Test
    void aMissingFileIsBadInput(@TempDir Path dir) {
        Path missing = dir.resolve("none.csv");
        Run r = Run.of("plot", missing.toString(), "-o", dir.resolve("x.png").toString());
        assertEquals(2, r.code());
        assertEquals("nn: " + missing + ": cannot read: no such file or folder\n", r.err());
    }

    @Test
    void anUnknownImageTypeIsBadInput(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), CSV);
        Run r = Run.of("plot", csv.toString(), "-o", dir.resolve("x.gif").toString());
        assertEquals(2, r.code());
        assertEquals("nn: -o " + dir.resolve("x.gif") + ": unknown image type (the name must end in .png or .svg)\n", r.err());
    }

    /** Each side from 100 to 10 000 pixels, named by its option, before the metrics are read or the image drawn. */
    @Test
    void anImageSideOutOfRangeIsABadArgument(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), CSV), png = dir.resolve("x.png");
        Run huge = Run.of("plot", csv.toString(), "-o", png.toString(), "--height", "100000000");
        assertEquals(2, huge.code());
        assertEquals("nn: --height 100000000: must be from 100 to 10000 pixels\n", huge.err());
        Run small = Run.of("plot", csv.toString(), "-o", png.toString(), "--width", "99");
        assertEquals("nn: --width 99: must be from 100 to 10000 pixels\n", small.err());
        assertTrue(Files.notExists(png));
    }

    @Test
    void trainPlotWritesTheCurvesOfTheRun(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("seed.png");
        Run r = Run.of("train", "--no-checkpoint", "../configs/seed.yaml", "training.epochs=30", "--summary", "none", "-q", "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(900, img.getWidth());
        assertEquals(600, img.getHeight());
    }

    @Test
    void sparklineResamplesToItsWidth() {
        assertEquals("█▇▆▅▄▃▂▁", Charts.sparkline(new double[] {8, 7, 6, 5, 4, 3, 2, 1}, 60));
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) v[i] = 1.0 / (i + 1);
        String s = Charts.sparkline(v, 60);
        assertEquals(60, s.length());
        assertEquals('█', s.charAt(0));
        assertEquals('▁', s.charAt(59));
    }
}
