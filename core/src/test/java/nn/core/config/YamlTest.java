package nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import nn.core.checkpoint.CheckpointFile;
import nn.core.spi.Param;
import nn.core.spi.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@link Yaml} makes of hostile or mistaken text, and how {@link Cfg} and {@link NodeParams} report the values
 * they then refuse: one message, located at the mistake, saying what would be right.
 */
class YamlTest {
    @TempDir
    Path dir;

    private static Node.Mapping parse(String text) {
        return (Node.Mapping) Yaml.parse(text, "c.yaml", 0);
    }

    private static Node.Scalar scalar(String value) {
        return (Node.Scalar) parse("v: " + value).get("v");
    }

    private static String refusal(String text) {
        return assertThrows(ConfigException.class, () -> Yaml.parse(text, "c.yaml", 0)).getMessage();
    }

    // ---- YAML 1.1 numbers that are not decimal, and timestamps: text to nn

    /** The kind each plain scalar is read as: decimal numbers are numbers, other bases and timestamps text. */
    @ParameterizedTest
    @CsvSource({"0, INT", "-12, INT", "+7, INT", "1_000, INT", "07, INT", "00, INT", "017, STR", "010, STR", "0x1F, STR", "-0x1f, STR",
            "0b101, STR", "1:30, STR", "-1:30, STR", "190:20:30, STR", "1:30.5, STR", "1.5, FLOAT", "1e-3, FLOAT", "1_0.5, FLOAT",
            ".inf, FLOAT", "-.Inf, FLOAT", ".NaN, FLOAT", "2024-01-01, STR", "2024-01-01T10:00:00Z, STR",
            "99999999999999999999, INT", "true, BOOL", "no, BOOL", "~, NULL", "abc, STR"})
    void scalarsAreReadAsDecimalNumbersOrText(String value, Node.Scalar.Kind kind) {
        Node.Scalar s = scalar(value);
        assertEquals(kind, s.kind(), value);
        assertEquals(value, s.text());
    }

    /** A number key that finds one says what YAML 1.1 would have made of it, and what to write. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0x1F|YAML 1.1 reads 0x1F as the hexadecimal number 31; nn reads numbers in decimal only: write 31",
            "-0x10|YAML 1.1 reads -0x10 as the hexadecimal number -16; nn reads numbers in decimal only: write -16",
            "0b101|YAML 1.1 reads 0b101 as the binary number 5; nn reads numbers in decimal only: write 5",
            "1:30|YAML 1.1 reads 1:30 as the base-60 number 90; nn reads numbers in decimal only: write 90",
            "1:30.5|YAML 1.1 reads 1:30.5 as the base-60 number 90.5; nn reads numbers in decimal only: write 90.5",
            "017|YAML 1.1 reads 017 as the octal number 15, YAML 1.2 as 17: write the one you mean without the leading 0"})
    void aNumberInAnotherBaseIsRefusedSayingWhatItIs(String value, String hint) {
        Node n = parse("lr: " + value).get("lr");
        assertEquals("c.yaml:1:5: lr: expected a number, found '" + value + "' (" + hint + ")",
                assertThrows(ConfigException.class, () -> Cfg.real(n, "lr", 0, 1)).getMessage());
        assertEquals("c.yaml:1:5: lr: expected a whole number, found '" + value + "' (" + hint + ")",
                assertThrows(ConfigException.class, () -> Cfg.integer(n, "lr", 0, 1)).getMessage());
    }

    @Test
    void textThatIsNoNumberInAnyYamlHasNoHint() {
        assertNull(Yaml.yaml11Number("abc"));
        assertNull(Yaml.yaml11Number("10:70")); // no base-60 digit above 59
        assertNull(Yaml.yaml11Number("0x"));
        assertNull(Yaml.yaml11Number("07"));
        assertEquals("c.yaml:1:4: v: expected a number, found 'abc'",
                assertThrows(ConfigException.class, () -> Cfg.real(scalar("abc"), "v", 0, 1)).getMessage());
    }

    /** A name that YAML 1.1 reads as a timestamp is the name, as written. */
    @Test
    void aTimestampWhereTextGoesIsTheText() {
        Cfg root = new Cfg(parse("name: 2024-01-01\nfeatures: [2024-01-01, 1:30]\n"), "");
        assertEquals("2024-01-01", root.string("name", null));
        assertEquals(List.of("2024-01-01", "1:30"), root.strings("features"));
    }

    // ---- ranges

    @Test
    void aWholeNumberBeyond64BitsIsOutOfRangeNotMalformed() {
        Node n = scalar("99999999999999999999");
        assertEquals("c.yaml:1:4: seed: 99999999999999999999 is out of the 64-bit range (expected a whole number from -9223372036854775808"
                + " to 9223372036854775807)", assertThrows(ConfigException.class, () -> Cfg.integer(n, "seed", Long.MIN_VALUE, Long.MAX_VALUE)).getMessage());
        assertEquals("c.yaml:1:4: epochs: 99999999999999999999 is out of the 64-bit range (expected a whole number >= 0)",
                assertThrows(ConfigException.class, () -> Cfg.integer(n, "epochs", 0, Long.MAX_VALUE)).getMessage());
        assertEquals(Long.MAX_VALUE, Cfg.integer(scalar("9223372036854775807"), "seed", Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static final Provider RATE = new Provider() {
        @Override public String name() {
            return "rate";
        }

        @Override public String doc() {
            return "a provider with a rate";
        }

        @Override public List<Param> params() {
            return List.of(Param.real("lr", 0.1, "a step size > 0"));
        }
    };

    private static NodeParams params(String yaml) {
        return new NodeParams("optimizer", (Node.Mapping) Yaml.parse(yaml, "c.yaml", 0), null, RATE.params(), Set.of("type"));
    }

    /** realAbove excludes its minimum: a learning rate of 0 is out of range, the smallest positive one is not. */
    @Test
    void anExclusiveMinimumRefusesTheMinimumItself() {
        assertEquals(Double.MIN_VALUE, params("{type: rate, lr: 4.9e-324}").realAbove("lr", 0, Double.POSITIVE_INFINITY));
        assertEquals(0.1, params("{type: rate}").realAbove("lr", 0, Double.POSITIVE_INFINITY));
        assertEquals("c.yaml:1:18: optimizer.lr: 0 is out of range (expected a number > 0)",
                assertThrows(ConfigException.class, () -> params("{type: rate, lr: 0}").realAbove("lr", 0, Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("c.yaml:1:18: optimizer.lr: -0.0 is out of range (expected a number in (0, 1])",
                assertThrows(ConfigException.class, () -> params("{type: rate, lr: -0.0}").realAbove("lr", 0, 1)).getMessage());
        assertEquals("c.yaml:1:18: optimizer.lr: 2 is out of range (expected a number in (0, 1])",
                assertThrows(ConfigException.class, () -> params("{type: rate, lr: 2}").realAbove("lr", 0, 1)).getMessage());
        assertEquals("c.yaml:1:18: optimizer.lr: 0 is out of range (expected a number >= 0.5)",
                assertThrows(ConfigException.class, () -> params("{type: rate, lr: 0}").real("lr", 0.5, Double.POSITIVE_INFINITY)).getMessage());
    }

    // ---- aliases

    /** An alias used as a key is located where it is written, not at its anchor. */
    @Test
    void aDuplicateKeyWrittenAsAnAliasIsLocatedAtTheAlias() {
        assertEquals("c.yaml:2:1: duplicate key 'name' (first at c.yaml:1:1)", refusal("&k name: t\n*k : u\n"));
        assertEquals("c.yaml:3:11: duplicate key 'a' (first at c.yaml:3:5)", refusal("x: &k a\ny: 1\nz: {a: 1, *k : 2}\n"));
        Node.Mapping m = (Node.Mapping) parse("x: &k a\nz: {*k : 2, b: *k}\n").get("z");
        assertEquals(new Loc("c.yaml", 2, 5), m.keyLoc("a"));
        assertEquals(new Loc("c.yaml", 2, 13), m.keyLoc("b"));
    }

    // ---- malformed YAML

    /** A quote, list or mapping never closed is located where it opens, with what would close it. */
    @Test
    void whatRunsToTheEndOfTheFileUnclosedIsLocatedWhereItOpens() {
        assertEquals("c.yaml:2:9: malformed YAML: the list [ opened here is never closed (the file ends first; add the closing ])",
                refusal("a: 1\ninline: [[0, 1], [1, 0]\n"));
        assertEquals("c.yaml:1:4: malformed YAML: the mapping { opened here is never closed (the file ends first; add the closing })",
                refusal("a: {b: 1\n"));
        assertEquals("c.yaml:1:7: malformed YAML: the double-quoted text opened here is never closed (the file ends first; add the closing \")",
                refusal("name: \"t\nmodel:\n  inputs: 2\n"));
        assertEquals("c.yaml:2:5: malformed YAML: the single-quoted text opened here is never closed (the file ends first; add the closing ')",
                refusal("a: 1\nb: [' x\n\n"));
        assertEquals("argument 'name=\"é':1:11: malformed YAML: the double-quoted text opened here is never closed (the file ends first;"
                + " add the closing \")", assertThrows(ConfigException.class, () -> Yaml.parse("\"é", "argument 'name=\"é'", 10)).getMessage());
    }

    // ---- files that are no config

    @Test
    void aCheckpointGivenAsAConfigIsSaidToBeOne() throws IOException {
        Path ckpt = dir.resolve("last.ckpt");
        byte[] bytes = new byte[40];
        System.arraycopy(CheckpointFile.MAGIC, 0, bytes, 0, CheckpointFile.MAGIC.length);
        Files.write(ckpt, bytes);
        assertEquals(ckpt + ": a checkpoint, not a config (give the YAML config here; nn inspect " + ckpt + " shows what the checkpoint holds)",
                assertThrows(ConfigException.class, () -> Yaml.readFile(ckpt)).getMessage());
        Path partial = dir.resolve("nnck.yaml");
        Files.writeString(partial, "NNCK: 1\n");
        assertEquals(1L, Yaml.readFile(partial).get("NNCK").plain());
    }
}
