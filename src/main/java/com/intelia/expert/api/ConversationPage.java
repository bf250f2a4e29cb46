package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.UUID;

/** A page of a user's conversations, newest first; next_cursor is null on the last page. */
public record ConversationPage(
        @JsonProperty("user_id") UUID userId,
        @JsonProperty("conversations") List<ConversationSummary> conversations,
        @JsonProperty("count") int count,
        @JsonProperty("next_cursor") String nextCursor) {
}
