package com.intelia.expert.db;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Filters of the questions page, already validated; null means "not filtered". feedback is 1, -1 or 0 (none);
 * search is a case-insensitive substring.
 */
public record QuestionFilter(UUID userId, String responseSource, Integer feedback, String language,
                             OffsetDateTime from, OffsetDateTime toExclusive, String search) {
}
