package nn.core.config;

import nn.core.BadInputException;

/** A config mistake: {@code file:line:column: path: what was wrong (what would be right)}. */
public class ConfigException extends BadInputException {
    private final transient Loc loc;

    public ConfigException(Loc loc, String message) {
        super(loc + ": " + message);
        this.loc = loc;
    }

    public Loc loc() {
        return loc;
    }
}
