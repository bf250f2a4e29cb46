package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One chat in a user's history list, small whatever the length of its texts: title (at most 255 characters, the
 * first question's unless the client gave one), preview (the first question, at most 200 characters) and
 * last_message_preview (the last answer, or its question when it has none, at most 200 characters); never a full
 * text. message_count counts messages, two per turn (one when a turn has no answer), turn_count the turns.
 * created_at is the first turn's time, updated_at the latest change of any turn (ISO-8601, UTC). feedback is the
 * chat's rating (1, -1 or null), language never null ({@code fr} when no turn has one), status {@code active}.
 */
public record ConversationSummary(
        @JsonProperty("id") String id,
        @JsonProperty("title") String title,
        @JsonProperty("preview") String preview,
        @JsonProperty("last_message_preview") String lastMessagePreview,
        @JsonProperty("message_count") int messageCount,
        @JsonProperty("turn_count") int turnCount,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("feedback") Integer feedback,
        @JsonProperty("language") String language,
        @JsonProperty("status") String status) {
}
