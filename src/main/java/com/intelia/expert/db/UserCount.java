package com.intelia.expert.db;

import java.util.UUID;

/** A user's number of questions in a period, with the number of distinct users of that period. */
public record UserCount(UUID userId, long questions, long users) {
}
