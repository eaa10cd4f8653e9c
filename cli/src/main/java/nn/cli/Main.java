package nn.cli;

/** The {@code nn} executable. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Nn.run(args));
    }
}
