package com.intelia.expert.db;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One active turn of a chat without its texts: owner, time, rating and comment, the bytes its question and answer
 * take as stored (0 when not asked for), and whether it has an answer.
 */
public record ChatTurn(UUID id, UUID userId, OffsetDateTime createdAt, Integer feedback, String feedbackComment,
                       long textBytes, boolean answered) {
}
