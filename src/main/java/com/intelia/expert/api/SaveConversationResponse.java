package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/**
 * The answer to a save (200): status {@code created} when the turn is its chat's first, {@code updated} when it
 * continues the chat; action {@code insert} (a new chat), {@code append} (a new turn) or {@code unchanged} (the
 * same turn was saved before: a retry changes nothing); turn_id is the turn's row id, the id the admin questions
 * list shows; timestamp is when the service answered (ISO-8601, UTC).
 */
public record SaveConversationResponse(
        @JsonProperty("status") String status,
        @JsonProperty("conversation_id") UUID conversationId,
        @JsonProperty("user_id") UUID userId,
        @JsonProperty("action") String action,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("turn_id") UUID turnId) {
}
