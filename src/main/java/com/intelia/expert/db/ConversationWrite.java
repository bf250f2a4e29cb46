package com.intelia.expert.db;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One save: a turn (a question and its answer) of the chat {@code conversationId}, as the columns receive it (texts
 * already derived and checked). The turn's row id is the conversation id when it is the chat's first turn, else
 * {@code laterTurnId}, a name-based UUID of the chat and the texts, so that saving the same turn again finds it.
 */
public record ConversationWrite(UUID conversationId, UUID laterTurnId, UUID userId, String question, String response,
                                String responseSource, Double confidence, Integer processingTimeMs,
                                String language, String mode, String sourcesJson, String model,
                                Integer promptTokens, Integer completionTokens, String title, String preview,
                                String lastMessagePreview, OffsetDateTime createdAt) {
}
