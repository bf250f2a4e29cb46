package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The caller's chats holding the searched text in a question or an answer, most recently updated first: status
 * {@code success}, the same items as the history list, count on this answer and total_count of matching chats.
 */
public record ConversationSearchResult(
        @JsonProperty("status") String status,
        @JsonProperty("conversations") List<ConversationSummary> conversations,
        @JsonProperty("count") int count,
        @JsonProperty("total_count") long totalCount) {
}
