package com.intelia.expert.doctor;

/**
 * One line of the post-deployment checklist: passed, failed (with the remedy), a warning (works, but with the
 * remedy to consider; does not fail doctor) or skipped (with why).
 */
public record CheckResult(String name, Outcome outcome, String detail, String remedy) {

    public enum Outcome { OK, FAIL, WARN, SKIPPED }

    public static CheckResult ok(String name, String detail) {
        return new CheckResult(name, Outcome.OK, detail, null);
    }

    public static CheckResult fail(String name, String detail, String remedy) {
        return new CheckResult(name, Outcome.FAIL, detail, remedy);
    }

    public static CheckResult warn(String name, String detail, String remedy) {
        return new CheckResult(name, Outcome.WARN, detail, remedy);
    }

    public static CheckResult skipped(String name, String why) {
        return new CheckResult(name, Outcome.SKIPPED, why, null);
    }

    public boolean failed() {
        return outcome == Outcome.FAIL;
    }

    public String line() {
        String label = switch (outcome) {
            case OK -> "ok  ";
            case FAIL -> "FAIL";
            case WARN -> "WARN";
            case SKIPPED -> "skip";
        };
        return label + "  " + name + ": " + detail + (remedy == null ? "" : ". Remedy: " + remedy);
    }
}
