package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;
import java.util.UUID;

/** POST /conversations/save, as the frontend sends it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SaveConversationRequest(
        @JsonProperty("conversation_id") UUID conversationId,
        @JsonProperty("question") String question,
        @JsonProperty("response") String response,
        @JsonProperty("user_id") UUID userId,
        @JsonProperty("timestamp") OffsetDateTime timestamp,
        @JsonProperty("source") String source,
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("title") String title,
        @JsonProperty("preview") String preview,
        @JsonProperty("last_message_preview") String lastMessagePreview,
        @JsonProperty("metadata") ConversationMetadata metadata) {

    public ConversationMetadata metadataOrNone() {
        return metadata == null ? ConversationMetadata.NONE : metadata;
    }
}
