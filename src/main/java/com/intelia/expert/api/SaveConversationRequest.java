package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * POST /conversations/save, as the frontend sends it: one turn (a question and its answer) of the chat
 * {@code conversation_id}, which the frontend reuses for every follow-up question of that chat. Checked at the edge
 * (resources.params.RequestBodyChecks): the constraints below, every string storable and at most
 * limits.maxTextCharacters long, the timestamp plausible. Source is at most 50 characters, the width of the rollups'
 * source key (longer would be cut there). session_id, when given, must name the same chat as conversation_id.
 * question may be empty (the frontend sends "" for a message of images only) when response is not.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SaveConversationRequest(
        @JsonProperty("conversation_id") @NotNull UUID conversationId,
        @JsonProperty("question") @NotNull String question,
        @JsonProperty("response") String response,
        @JsonProperty("user_id") @NotNull UUID userId,
        @JsonProperty("timestamp") OffsetDateTime timestamp,
        @JsonProperty("source") @Size(max = 50) String source,
        /* the chat's id; the original database keeps session_id as uuid (DESIGN.md, "The original database") */
        @JsonProperty("session_id") @Pattern(regexp = "\\s*([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
                + "-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?\\s*", message = "must be a UUID (the chat's id)") String sessionId,
        @JsonProperty("title") @Size(max = 255) String title,
        @JsonProperty("preview") String preview,
        @JsonProperty("last_message_preview") String lastMessagePreview,
        @JsonProperty("metadata") @Valid ConversationMetadata metadata,
        /* the question's language, as metadata.language may also give it */
        @JsonProperty("language") @Size(max = 10) String language) {

    /** A request without a top-level language. */
    public SaveConversationRequest(UUID conversationId, String question, String response, UUID userId,
                                   OffsetDateTime timestamp, String source, String sessionId, String title,
                                   String preview, String lastMessagePreview, ConversationMetadata metadata) {
        this(conversationId, question, response, userId, timestamp, source, sessionId, title, preview,
                lastMessagePreview, metadata, null);
    }

    public ConversationMetadata metadataOrNone() {
        return metadata == null ? ConversationMetadata.NONE : metadata;
    }

    /** Whether neither the question nor the answer holds text (call after validation): nothing to keep. */
    public boolean hasNoText() {
        return question.isBlank() && (response == null || response.isBlank());
    }

    /** Whether session_id is given and names another chat than conversation_id (call after validation). */
    public boolean sessionIdNamesAnotherChat() {
        return sessionId != null && !sessionId.isBlank() && conversationId != null
                && !sessionId.strip().equalsIgnoreCase(conversationId.toString());
    }
}
