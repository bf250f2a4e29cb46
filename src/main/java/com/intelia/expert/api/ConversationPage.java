package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.UUID;

/**
 * A page of a user's chats, the most recently updated first: count on this page, total_count of the user's active
 * chats, next_cursor to continue after this page (null on the last one).
 */
public record ConversationPage(
        @JsonProperty("user_id") UUID userId,
        @JsonProperty("conversations") List<ConversationSummary> conversations,
        @JsonProperty("count") int count,
        @JsonProperty("total_count") long totalCount,
        @JsonProperty("next_cursor") String nextCursor) {
}
