package com.intelia.expert.db;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An active conversation as the questions page lists it. */
public record QuestionRow(UUID id, OffsetDateTime createdAt, UUID userId, String sessionId, String question,
                          String response, String responseSource, Double responseConfidence,
                          Integer processingTimeMs, String language, Integer feedback, String feedbackComment) {
}
