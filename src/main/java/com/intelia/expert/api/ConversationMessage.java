package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/**
 * One message of a chat: role {@code user} (a question) or {@code assistant} (its answer), the full text, the
 * turn's time (ISO-8601, UTC) and, on an answer, the turn's rating as the frontend's Message type reads it:
 * {@code positive}, {@code negative} or null (the original backend stored messages' feedback the same way). id is
 * the turn's id with {@code -q} or {@code -a}; turn_id the turn's row id.
 */
public record ConversationMessage(
        @JsonProperty("id") String id,
        @JsonProperty("turn_id") UUID turnId,
        @JsonProperty("role") String role,
        @JsonProperty("content") String content,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("feedback") String feedback) {

    /** The word for a stored rating: 1 positive, -1 negative, anything else (null, 0) none. */
    public static String feedbackWord(Integer rating) {
        if (rating == null) {
            return null;
        }
        return switch (rating) {
            case 1 -> "positive";
            case -1 -> "negative";
            default -> null;
        };
    }
}
