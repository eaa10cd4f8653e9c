package nn.core.tensor;

import java.util.List;

/**
 * The number type a network computes in ({@code dtype:} in a config). float64 is the default and the type of every
 * gradient check; float32 halves the memory traffic of the kernels and doubles their vector width.
 */
public enum DType {
    FLOAT64("float64"), FLOAT32("float32");

    private final String yamlName;

    DType(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name a config uses. */
    public String yamlName() {
        return yamlName;
    }

    /** The dense kernel this type runs on, for provenance. */
    public String kernel() {
        return this == FLOAT64 ? Gemm.kernel() : FloatGemm.kernel();
    }

    /** Whether a layer of nin → nout on batches of n runs this type's blocked GEMM. */
    public boolean blocked(int n, int nin, int nout) {
        return this == FLOAT64 ? Kernels.blocked(n, nin, nout) : FloatKernels.blocked(n, nin, nout);
    }

    /** The type a config names, or null for an unknown name. */
    public static DType of(String name) {
        for (DType t : values()) if (t.yamlName.equals(name)) return t;
        return null;
    }

    public static List<String> names() {
        return List.of(FLOAT64.yamlName, FLOAT32.yamlName);
    }
}
