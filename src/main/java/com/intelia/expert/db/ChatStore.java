package com.intelia.expert.db;

import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A user's chats in {@code conversations} as ConversationService deletes them: soft deletes (status 'deleted'), so
 * that the statistics trigger takes the turns out of the counts in the same transaction. Saves go through
 * {@link TurnStore}. Implemented over Jdbi by {@link JdbiChatStore}. A failure is a {@code JdbiException} that wrote
 * nothing: a 503 with Retry-After when PostgreSQL is unavailable now ({@link SqlStates#unavailable}), else a 500.
 */
public interface ChatStore {

    /**
     * Marks the owner's active turns of chat {@code chat} deleted, in one transaction run again whole on a deadlock:
     * the chat's owner (the user of its first turn) is read and its active turns locked, then {@code ownerCheck}
     * runs with the owner before anything is written; what it throws (a 403 for another user's chat) ends the
     * transaction, nothing written, and reaches the caller as thrown.
     *
     * @return the number of turns marked deleted; empty when the chat has no active turn (unknown or deleted
     *         already: the caller's 404), nothing written
     */
    OptionalInt deleteChat(UUID chat, Consumer<UUID> ownerCheck);

    /**
     * Marks every active turn of user {@code userId} deleted, in one statement run again on a deadlock.
     *
     * @return how many chats and turns were marked deleted (0 and 0 for a user without active turns)
     */
    ConversationDao.DeletedCounts deleteAllChats(UUID userId);
}
