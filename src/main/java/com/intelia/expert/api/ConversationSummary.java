package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/** One conversation in a user's list. */
public record ConversationSummary(
        @JsonProperty("conversation_id") UUID conversationId,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("user_id") UUID userId,
        @JsonProperty("title") String title,
        @JsonProperty("preview") String preview,
        @JsonProperty("last_message_preview") String lastMessagePreview,
        @JsonProperty("question") String question,
        @JsonProperty("response") String response,
        @JsonProperty("response_source") String responseSource,
        @JsonProperty("confidence_score") Double confidenceScore,
        @JsonProperty("processing_time_ms") Integer processingTimeMs,
        @JsonProperty("language") String language,
        @JsonProperty("mode") String mode,
        @JsonProperty("sources") JsonNode sources,
        @JsonProperty("message_count") int messageCount,
        @JsonProperty("feedback") Integer feedback,
        @JsonProperty("feedback_comment") String feedbackComment,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt) {
}
