package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that crashed nn with a stack trace (issue 12): each is now one line, exit 2. */
class HostileInputTest {
    @Test
    void aSelfReferencingAliasIsNamedNotAStackOverflow(@TempDir Path dir) throws Exception {
        Path c = dir.resolve("alias.yaml");
        Files.writeString(c, "name: r\nmodel: {inputs: 2, layers: [{units: 1, activation: identity, weights: {inline: &r [[1.0, 0.0], *r]}}]}\n"
                + "loss: mse\ndata: {train: {inline: [[1, 2, 3]]}}\n");
        Run r = Run.nn("train", c.toString(), "--no-checkpoint");
        assertEquals(2, r.code(), r.err());
        assertEquals("nn: " + c + ":2:80: a YAML alias refers to the collection it is inside (an endless value; copy the values instead)\n", r.err());
    }

    @Test
    void aLayerTooLargeForAnArrayIsNamedAtTheLayer() {
        Run r = Run.nn("train", Run.config("iris.yaml"), "model.layers[0].units=1000000000", "--no-checkpoint", "-q");
        assertEquals(2, r.code(), r.err());
        assertEquals("nn: " + Run.config("iris.yaml") + ":6:7: model.layers[0]: a parameter of shape [1000000000, 4] has more elements"
                + " than one array holds (at most 2147483639)\n", r.err());
    }
}
