package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/** The stored feedback: created the first time a user rates a conversation, replaced after. */
public record FeedbackResponse(
        @JsonProperty("status") String status,
        @JsonProperty("conversation_id") UUID conversationId,
        @JsonProperty("user_id") UUID userId,
        @JsonProperty("rating") int rating,
        @JsonProperty("comment") String comment,
        @JsonProperty("feedback_type") String feedbackType) {
}
