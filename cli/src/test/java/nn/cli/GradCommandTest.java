package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradCommandTest {
    @TempDir
    Path tmp;

    /** dO/dw1 of the seed network, from the chain rule written out with exact sigmoids (see the README). */
    static final double SEED_DO_DW1 = 0.0014291881022047;

    private static String[] line(String out, String name) {
        return Arrays.stream(out.split("\n")).map(l -> l.split("\t")).filter(c -> c.length > 1 && c[1].equals(name)).findFirst().orElseThrow();
    }

    @Test
    void seedOutputGradientOfW1() {
        Run r = Run.nn("grad", Run.config("seed.yaml"), "--of", "output");
        assertEquals(0, r.code(), r.err());
        String[] header = r.out().split("\n")[0].split("\t");
        assertEquals(List.of("param", "name", "value", "grad"), List.of(header));
        String[] w1 = line(r.out(), "w1");
        assertEquals("layers.0.weight[0,0]", w1[0]);
        assertEquals(SEED_DO_DW1, Double.parseDouble(w1[3]), 1e-16);
        assertEquals("layers.2.weight[0,1]", line(r.out(), "w5")[0]);
        assertEquals("layers.2.bias[0]", line(r.out(), "b4")[0]);
        assertEquals(10, r.out().split("\n").length);
    }

    @Test
    void seedCheckAgreesAndExitsZero() {
        Run r = Run.nn("grad", Run.config("seed.yaml"), "--of", "output", "--check");
        assertEquals(0, r.code(), r.err());
        for (String l : r.out().split("\n")) if (!l.startsWith("param")) assertTrue(l.endsWith("\ttrue"), l);
    }

    @Test
    void checkFailsWithExitOneWhenToleranceIsImpossible() {
        Run r = Run.nn("grad", Run.config("seed.yaml"), "--check", "--atol", "0", "--rtol", "1e-15", "--eps", "1e-2");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("disagree with finite differences"), r.err());
    }

    @Test
    void jsonlHasOneObjectPerParameter() {
        Run r = Run.nn("grad", Run.config("seed.yaml"), "--of", "output", "--format", "jsonl");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(9, lines.length);
        assertTrue(lines[0].startsWith("{\"param\":\"layers.0.weight[0,0]\",\"name\":\"w1\",\"value\":0.5,\"grad\":0.00142918810220472"), lines[0]);
    }

    @Test
    void csvQuotesParamNamesWithCommas() {
        Run r = Run.nn("grad", Run.config("xor.yaml"), "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"layers.0.weight[0,1]\",w2,"), r.out());
    }

    @Test
    void overrideChangesTheNetwork() {
        Run r = Run.nn("grad", Run.config("seed.yaml"), "model.layers[1].units=3", "--of", "output");
        assertEquals(0, r.code(), r.err());
        assertEquals(13, r.out().split("\n").length);
    }

    @Test
    void lossGradientOfOneSampleMatchesWholeDataWhenThereIsOneRow() {
        Run all = Run.nn("grad", Run.config("seed.yaml"));
        Run one = Run.nn("grad", Run.config("seed.yaml"), "--sample", "0");
        assertEquals(0, all.code(), all.err());
        assertEquals(all.out(), one.out());
        // dL/dw1 = dL/dO · dO/dw1 with L = (O - 0)², O = 0.8585835106112...
        double o = 0.858583510611229;
        assertEquals(2 * o * SEED_DO_DW1, Double.parseDouble(line(all.out(), "w1")[3]), 1e-15);
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String SEED = Run.CONFIGS.resolve("seed.yaml").toString();

    private Run badConfig(String text, String... more) throws IOException {
        Path p = write("bad.yaml", text);
        String[] args = new String[2 + more.length];
        args[0] = "grad";
        args[1] = p.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        return Run.nn(args);
    }

    @Test
    void misspelledActivationNamesFileLineColumnAndSuggestion() throws IOException {
        String text = Files.readString(Path.of(SEED)).replaceFirst("activation: sigmoid", "activation: sigmod");
        Run r = badConfig(text);
        assertEquals(2, r.code());
        assertTrue(r.err().matches("(?s)nn: .*bad\\.yaml:10:43: model\\.layers\\[0]\\.activation: unknown activation 'sigmod' \\(did you mean sigmoid\\? known: elu, gelu, .*\\)\n"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void unknownKeySuggestsTheClosest() throws IOException {
        Run r = badConfig("model:\n  inputs: 1\n  layers:\n    - {units: 1, activaton: relu}\n");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.yaml:4:18: model.layers[0].activaton: unknown parameter (did you mean activation?"), r.err());
    }

    @Test
    void wrongMatrixShapePrintsBothShapes() throws IOException {
        Run r = badConfig("model:\n  inputs: 2\n  layers:\n    - {units: 2, weights: [[1, 2], [3]]}\n", "--input", "1,1", "--of", "output");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.yaml:4:36: model.layers[0].weights[1]: expected 2 columns (one per input), found 1 (the matrix is 2 rows × 2 columns, units × inputs)"), r.err());
    }

    @Test
    void wrongTypeNamesTheValue() throws IOException {
        Run r = badConfig("model:\n  inputs: 1\n  layers:\n    - {units: two}\n");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.yaml:4:15: model.layers[0].units: expected a whole number, found 'two'"), r.err());
    }

    @Test
    void missingFieldSaysWhatIsExpected() throws IOException {
        Run r = badConfig("model:\n  inputs: 1\n  layers:\n    - {activation: relu}\n");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.yaml:4:7: model.layers[0].units: missing (number of output units)"), r.err());
    }

    @Test
    void malformedYamlGivesTheParserLocation() throws IOException {
        Run r = badConfig("model:\n  inputs: 1\n  layers: [\n");
        assertEquals(2, r.code());
        assertTrue(r.err().matches("(?s)nn: .*bad\\.yaml:4:1: malformed YAML: .*"), r.err());
    }

    @Test
    void outOfRangeParameter() throws IOException {
        Run r = badConfig("model:\n  inputs: 1\n  layers:\n    - {units: 1}\noptimizer: {type: sgd, learning_rate: -1}\n");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.yaml:5:39: optimizer.learning_rate: -1 is out of range (expected a number > 0)"), r.err());
    }

    @Test
    void badOverrideNamesTheArgument() {
        Run r = Run.nn("grad", SEED, "model.layers[1].units=abc");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("argument 'model.layers[1].units=abc':1:23: model.layers[1].units: expected a whole number, found 'abc'"), r.err());
    }

    @Test
    void missingFileIsBadInput() {
        Run r = Run.nn("grad", "no/such.yaml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no/such.yaml: no such file"), r.err());
    }

    @Test
    void unknownOptionIsUsageError() {
        Run r = Run.nn("grad", SEED, "--bogus");
        assertEquals(2, r.code());
    }
}
