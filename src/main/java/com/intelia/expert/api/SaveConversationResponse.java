package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/** The answer to a save: whether the row was created or updated. */
public record SaveConversationResponse(
        @JsonProperty("status") String status,
        @JsonProperty("conversation_id") UUID conversationId,
        @JsonProperty("user_id") UUID userId,
        @JsonProperty("action") String action,
        @JsonProperty("timestamp") String timestamp) {
}
