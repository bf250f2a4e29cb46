package com.intelia.expert.support;

import java.util.Locale;
import java.util.UUID;

/**
 * Text that stands for what users write (questions, answers, names, e-mail addresses) and must never reach a log.
 * Tests put it where users put their words; {@code SuiteLogCheck} fails the build when it shows up in the log of
 * the test run. Lower case letters, digits and dashes only, so that normalising (lower-casing an e-mail) or
 * escaping (JSON, URLs, SQL literals) leaves the mark readable.
 */
public final class PlantedText {

    public static final String MARK = "plantedmark";

    private PlantedText() {
    }

    /** e.g. plantedmark-question-3f9a1c2e */
    public static String of(String kind) {
        return MARK + "-" + kind.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String email(String kind) {
        return of(kind) + "@example.com";
    }
}
