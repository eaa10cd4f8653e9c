package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class DrawCommandTest {
    private static final String SEED = "../configs/seed.yaml";

    /** The text content of every text element of an SVG document (tspans joined to their line). */
    private static List<String> texts(String svg) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        NodeList nodes = doc.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent());
        return out;
    }

    private static int count(String s, String part) {
        return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void drawsACheckpointWithItsTrainedWeights(@TempDir Path tmp) throws Exception {
        Run t = Run.of("train", SEED, "training.epochs=20", "--checkpoint-dir", tmp.toString(), "--summary", "none", "-q");
        assertEquals(0, t.code(), t.err());
        Run inspect = Run.of("inspect", tmp.resolve("last.ckpt").toString(), "--params");
        String w1 = inspect.out().split("\n")[1].split("\t")[2];
        Run r = Run.of("draw", tmp.resolve("last.ckpt").toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(w1.equals("0.5"), "training moved w1");
        String shown = texts(r.out()).stream().filter(s -> s.startsWith("w1 = ")).findFirst().orElseThrow();
        assertEquals(Double.parseDouble(w1), Double.parseDouble(shown.substring(5).trim()), 5e-4 * Math.abs(Double.parseDouble(w1)));
        Run grad = Run.of("draw", tmp.resolve("last.ckpt").toString(), "--grad", "--of", "output");
        assertEquals(0, grad.code(), grad.err());
        assertTrue(grad.out().contains("∂"), "gradients drawn");
        Run bad = Run.of("draw", tmp.resolve("last.ckpt").toString(), "seed=2");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("overrides go with a config, not a checkpoint"), bad.err());
    }

    @Test
    void seedSvgIsWellFormedAndLabelsEveryWeightAndBias() throws Exception {
        Run r = Run.of("draw", SEED);
        assertEquals(0, r.code(), r.err());
        List<String> t = texts(r.out());
        for (int i = 1; i <= 5; i++) assertTrue(t.contains("w" + i + " = 0.5"), "w" + i + " in " + t);
        for (int i = 1; i <= 4; i++) assertTrue(t.contains("b" + i + " = 1"), "b" + i + " in " + t);
        for (String unit : List.of("I", "h1", "h2a", "h2b", "O")) assertTrue(t.contains(unit), unit + " in " + t);
        assertTrue(t.contains("hidden 2 · dense · sigmoid"), t.toString());
        assertEquals(5, count(r.out(), "<circle"));
        assertFalse(r.out().contains("∂"), "no gradients without --grad");
        assertFalse(r.out().contains("href"), "no external resources");
    }

    @Test
    void gradOverlaysTheGradientsOfNnGrad() throws Exception {
        Run r = Run.of("draw", SEED, "--grad", "--of", "output");
        assertEquals(0, r.code(), r.err());
        List<String> t = texts(r.out());
        // nn grad configs/seed.yaml --of output: w1 0.0014291881022047224, w2 = w3 0.00783..., w4 = w5 0.09757...
        assertTrue(t.contains("w1 = 0.5∂ 0.001429"), t.toString());
        assertTrue(t.contains("w4 = 0.5∂ 0.09757"), t.toString());
        assertTrue(t.contains("b4 = 1∂ 0.1214"), t.toString());
        assertTrue(r.out().contains("stroke=\"" + SvgDiagram.POSITIVE + "\""), "positive gradients are blue");
        assertFalse(r.out().contains("stroke=\"" + SvgDiagram.NEGATIVE + "\""), "no negative gradient here");
    }

    @Test
    void gradTargetErrorsAreBadInput() {
        Run r = Run.of("draw", SEED, "--grad", "--of", "output", "--output-index", "3");
        assertEquals(2, r.code());
        assertEquals("nn: --output-index 3 is out of range (the network has 1 outputs: 0..0)\n", r.err());
    }

    @Test
    void aWideLayerIsOneBox() throws Exception {
        Run r = Run.of("draw", SEED, "model.layers[0].units=40");
        assertEquals(0, r.code(), r.err());
        List<String> t = texts(r.out());
        assertTrue(t.contains("40") && t.contains("units"), t.toString());
        assertTrue(t.contains("w1…w40"), "the summarised edge from I: " + t);
        assertTrue(t.contains("w41…w80"), "the summarised edge into h2a: " + t);
        assertTrue(t.contains("b1…b40"), t.toString());
        assertEquals(4, count(r.out(), "<circle"), "I, h2a, h2b, O; the 40 units are one box");
        assertTrue(Run.of("draw", SEED, "model.layers[0].units=40", "--max-units", "40").out().contains(">h1_40<"));
    }

    @Test
    void writesToAFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("seed.svg");
        Run r = Run.of("draw", SEED, "-o", f.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(Files.readString(f).startsWith("<?xml"));
    }

    @Test
    void dotIsAcceptedByGraphviz() throws Exception {
        Run r = Run.of("draw", SEED, "--grad", "--format", "dot");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("digraph nn {"));
        assertTrue(r.out().contains("label=\"w5=0.5\\n∂ "), r.out());
        Process p;
        try {
            p = new ProcessBuilder("dot", "-Tsvg").redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        } catch (IOException ex) {
            Assumptions.assumeTrue(false, "Graphviz dot is not installed");
            return;
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(r.out().getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
    }
}
