package nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** nn summary: one row per layer and the totals, in text and JSON, from the config alone when model.inputs is given. */
class SummaryCommandTest {
    @Test
    void theSeedNetworkAsJson() {
        Run r = Run.nn("summary", Run.config("seed.yaml"), "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals("{\"name\":\"seed\",\"inputs\":1,\"layers\":["
                + "{\"layer\":\"layers.0\",\"type\":\"dense\",\"units\":1,\"activation\":\"sigmoid\",\"parameters\":2,\"weights\":\"0.5\",\"bias\":\"1.0\"},"
                + "{\"layer\":\"layers.1\",\"type\":\"dense\",\"units\":2,\"activation\":\"sigmoid\",\"parameters\":4,\"weights\":\"0.5\",\"bias\":\"1.0\"},"
                + "{\"layer\":\"layers.2\",\"type\":\"dense\",\"units\":1,\"activation\":\"sigmoid\",\"parameters\":3,\"weights\":\"0.5\",\"bias\":\"1.0\"}],"
                + "\"parameters\":9,\"dtype\":\"float64\"}\n", r.out());
    }

    @Test
    void irisAsText() {
        Run r = Run.nn("summary", Run.config("iris.yaml"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("model iris: 4 inputs, float64\n"), r.out());
        assertTrue(r.out().contains("layers.0   dense          (batch, 16)  relu                   80  he_uniform       torch_default\n"), r.out());
        assertTrue(r.out().endsWith("total parameters: 131 (all trainable)\n"), r.out());
    }
}
