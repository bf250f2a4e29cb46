package com.intelia.expert.cli;

/**
 * An expected failure of a command, a wrong setting or a refused input rather than a bug: what is wrong and what to
 * do about it, printed by {@link FailureReport} as one short block without a stack trace.
 */
public class CommandFailure extends RuntimeException {

    private final String what;
    private final String remedy;

    /** {@code remedy} may be null when {@code what} already says what to do. */
    public CommandFailure(String what, String remedy) {
        this(what, remedy, null);
    }

    public CommandFailure(String what, String remedy, Throwable cause) {
        super(remedy == null ? what : what + ". Remedy: " + remedy, cause);
        this.what = what;
        this.remedy = remedy;
    }

    public String what() {
        return what;
    }

    public String remedy() {
        return remedy;
    }

    /** The block the operator sees: {@code label: what}, then {@code Remedy: ...} on its own line. */
    public String block(String label) {
        return label + ": " + what + (remedy == null ? "" : System.lineSeparator() + "Remedy: " + remedy);
    }
}
