package nn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
    private static final List<String> ACTIVATIONS = List.of(
            "relu", "tanh", "sigmoid", "identity", "leaky_relu", "elu", "gelu", "silu", "softplus", "softmax");

    @Test
    void suggestsTheClosestNameAndListsTheKnownOnesSorted() {
        assertEquals("(did you mean sigmoid? known: elu, gelu, identity, leaky_relu, relu, sigmoid, silu, softmax, softplus, tanh)",
                Names.suggest("sigmod", ACTIVATIONS));
    }

    @Test
    void onlyListsTheKnownNamesWhenNothingIsClose() {
        assertEquals("(known: adam, sgd)", Names.suggest("rmsprop", List.of("sgd", "adam")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "sigmod, sigmoid",        // a deletion
        "rleu, relu",             // a transposition counts as one edit
        "ReLU, relu",             // case is ignored
        "tahn, tanh",
        "leaky-relu, leaky_relu",
        "softmx, softmax",
        "gleu, gelu",
        "identiy, identity",
    })
    void closestFindsNamesWithinAFewEdits(String typed, String expected) {
        assertEquals(expected, Names.closest(typed, ACTIVATIONS));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"convolution", "xyz", "lstm", "sigmoidsigmoid"})
    void closestIsNullWhenTheNearestNameIsTooFar(String typed) {
        assertNull(Names.closest(typed, ACTIVATIONS));
    }

    @Test
    void closestAllowsAThirdOfTheLengthOfTheMatchAndAtLeastTwo() {
        // "sgd": limit max(2, 3/3) = 2 edits
        assertEquals("sgd", Names.closest("sdx", List.of("sgd")));
        assertNull(Names.closest("abc", List.of("sgd")));
        // "binary_cross_entropy" (20 letters): limit 6 edits
        assertEquals("binary_cross_entropy", Names.closest("binary_crossentrpy", List.of("binary_cross_entropy", "mse")));
        assertEquals("binary_cross_entropy", Names.closest("bin_cros_entropy", List.of("binary_cross_entropy", "mse")));
        assertNull(Names.closest("bce", List.of("binary_cross_entropy")));
    }

    @Test
    void closestOfNothingIsNull() {
        assertNull(Names.closest("relu", List.of()));
    }

    @Test
    void tiesGoToTheAlphabeticallyFirstName() {
        assertEquals("bat", Names.closest("cat", List.of("rat", "bat")));
    }

    @ParameterizedTest(name = "d({0}, {1}) = {2}")
    @CsvSource({
        "kitten, sitting, 3",
        "'', abc, 3",
        "abc, '', 3",
        "abc, abc, 0",
        "ab, ba, 1",
        "abcd, acbd, 1",
        "ca, abc, 3",       // optimal string alignment, not full Damerau (which gives 2)
        "flaw, lawn, 2",
    })
    void distanceIsOptimalStringAlignment(String a, String b, int expected) {
        assertEquals(expected, Names.distance(a, b));
        assertEquals(expected, Names.distance(b, a));
    }
}
