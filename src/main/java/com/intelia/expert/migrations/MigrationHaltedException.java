package com.intelia.expert.migrations;

import java.util.List;

/**
 * A migration that cannot run, reported before anything was changed: what is wrong and what to do, one problem a line.
 * Commands print its message as is, without a stack trace.
 */
public class MigrationHaltedException extends RuntimeException {

    private final List<MigrationPreflight.Problem> problems;

    public MigrationHaltedException(List<MigrationPreflight.Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<MigrationPreflight.Problem> problems() {
        return problems;
    }

    private static String message(List<MigrationPreflight.Problem> problems) {
        StringBuilder text = new StringBuilder("The migration stopped before changing anything:");
        for (MigrationPreflight.Problem problem : problems) {
            text.append(System.lineSeparator()).append("- ").append(problem.line());
        }
        return text.toString();
    }
}
