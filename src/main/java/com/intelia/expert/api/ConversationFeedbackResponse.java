package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/**
 * The chat's rating as stored (200): status {@code created} (the rater's first rating of this chat),
 * {@code updated} (a rating or comment replaced) or {@code removed} (taken back); turn_id is the turn that carries
 * it (the chat's latest turn when it was rated; null once removed); feedback 1, -1 or null, and its comment.
 */
public record ConversationFeedbackResponse(
        @JsonProperty("status") String status,
        @JsonProperty("conversation_id") UUID conversationId,
        @JsonProperty("turn_id") UUID turnId,
        @JsonProperty("feedback") Integer feedback,
        @JsonProperty("feedback_comment") String feedbackComment) {
}
