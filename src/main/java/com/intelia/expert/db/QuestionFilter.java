package com.intelia.expert.db;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Filters of the questions page, already validated; null means "not filtered". responseSources are stored
 * values, "" standing for no source recorded (as in the rollups); feedback is 1, -1 or 0 (none); search is a
 * case-insensitive substring.
 */
public record QuestionFilter(UUID userId, List<String> responseSources, Integer feedback, String language,
                             OffsetDateTime from, OffsetDateTime toExclusive, String search) {

    /** The same filters over another period (from inclusive, toExclusive exclusive; null for no bound). */
    public QuestionFilter between(OffsetDateTime from, OffsetDateTime toExclusive) {
        return new QuestionFilter(userId, responseSources, feedback, language, from, toExclusive, search);
    }
}
