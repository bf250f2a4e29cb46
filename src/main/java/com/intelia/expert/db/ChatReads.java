package com.intelia.expert.db;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the chat page reads from {@code conversations}: a user's chats (the history list and its search, see
 * {@link ChatList}) and one chat's turns with their texts, each answer read in one transaction. Only active turns
 * count. Implemented over Jdbi by {@link JdbiChatReads}. A failure is a {@code JdbiException}: a 503 with
 * Retry-After when PostgreSQL is unavailable now ({@link SqlStates#unavailable}), else a 500.
 */
public interface ChatReads {

    /**
     * A page of a user's chats: at most the limit asked, whether more follow, and how many chats there are in all
     * (holding the searched text, with a search).
     */
    record ChatsPage(List<ChatList.ChatRow> chats, boolean more, long total) {
    }

    /**
     * A page of one chat: all its owner's active turns (oldest first, with their sizes in bytes as stored), the
     * index of the page's first turn among them, the page's turns, and the texts of those turns by turn id (a turn
     * removed between the two reads has none).
     */
    record ChatPage(List<ChatTurn> turns, int start, List<ChatTurn> page, Map<UUID, TurnText> texts) {
    }

    /**
     * Up to {@code limit} chats of user {@code userId}, the most recently updated first: after the position
     * ({@code afterUpdatedAt}, {@code afterChat}) when given, else after skipping {@code offset} chats; with
     * {@code search} (null for none) only the chats holding that text in a question or an answer, matched literally
     * and case-insensitively. Texts are cut at {@code previewCharacters} characters. The total is the page's size when
     * the page is the whole list (no position, no offset, nothing more), else counted, in the same transaction.
     */
    ChatsPage chats(UUID userId, String search, OffsetDateTime afterUpdatedAt, String afterChat, int limit,
                    long offset, int previewCharacters);

    /**
     * A page of chat {@code chat}, in one transaction: its owner's active turns are read, then {@code ownerCheck}
     * runs with the owner (what it throws, a 403 for another user's chat, ends the read and reaches the caller as
     * thrown), then the texts of the page: at most {@code limit} turns from turn {@code offset} on, and at most
     * {@code maxBytes} bytes of question and answer texts as stored, but at least one turn when any is left.
     *
     * @return empty when the chat has no active turn (unknown or deleted: the caller's 404)
     */
    Optional<ChatPage> chat(UUID chat, long offset, int limit, long maxBytes, Consumer<UUID> ownerCheck);
}
