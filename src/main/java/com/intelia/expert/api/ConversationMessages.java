package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The messages of one chat, oldest first: each turn's question, then its answer. message_count and turn_count are
 * the whole chat's; messages holds one page of turns, from turn {@code offset} (0 for the first), cut at the page's
 * turn limit or at a byte budget (see ChatHistory); has_more and next_offset say where the next page starts.
 */
public record ConversationMessages(
        @JsonProperty("conversation_id") String conversationId,
        @JsonProperty("message_count") int messageCount,
        @JsonProperty("turn_count") int turnCount,
        @JsonProperty("offset") int offset,
        @JsonProperty("messages") List<ConversationMessage> messages,
        @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("next_offset") Integer nextOffset) {
}
