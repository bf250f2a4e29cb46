package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a delete marked deleted: deleted_count chats (all of the user's, or the one named), with deleted_turns rows;
 * message says it in words. Deleted chats leave the lists, the search and the statistics.
 */
public record ConversationsDeleted(
        @JsonProperty("status") String status,
        @JsonProperty("message") String message,
        @JsonProperty("deleted_count") long deletedCount,
        @JsonProperty("deleted_turns") long deletedTurns) {
}
