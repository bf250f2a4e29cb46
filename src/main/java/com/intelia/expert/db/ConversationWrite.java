package com.intelia.expert.db;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One save of a conversation, as the columns receive it (texts already derived and validated). */
public record ConversationWrite(UUID id, String sessionId, UUID userId, String question, String response,
                                String responseSource, Double confidence, Integer processingTimeMs,
                                String language, String mode, String sourcesJson, String model,
                                Integer promptTokens, Integer completionTokens, String title,
                                String explicitTitle, String preview, String explicitPreview,
                                String lastMessagePreview, OffsetDateTime createdAt) {
}
