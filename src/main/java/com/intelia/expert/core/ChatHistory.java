package com.intelia.expert.core;

import com.intelia.expert.api.ConversationMessage;
import com.intelia.expert.api.ConversationMessages;
import com.intelia.expert.api.ConversationPage;
import com.intelia.expert.api.ConversationSearchResult;
import com.intelia.expert.api.ConversationSummary;
import com.intelia.expert.db.ChatList;
import com.intelia.expert.db.ChatReads;
import com.intelia.expert.db.ChatTurn;
import com.intelia.expert.db.TurnText;
import jakarta.ws.rs.NotFoundException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the chat page reads: a user's history list, the search in it, and one chat's messages. A chat is the
 * turns sharing a session_id (see ConversationService); only active turns are shown. Lists carry titles and
 * previews only; the messages of one chat are the only answer with full texts, one page at a time.
 */
public class ChatHistory {

    /**
     * At most this many bytes of question and answer texts (as stored) in one page of messages; a page always holds
     * at least one turn. With limits.maxTextCharacters at 100,000, a page stays within a few megabytes.
     */
    public static final long MESSAGES_PAGE_BYTES = 4L * 1024 * 1024;

    private static final String DEFAULT_LANGUAGE = "fr";

    private final ChatReads chats;

    public ChatHistory(ChatReads chats) {
        this.chats = chats;
    }

    /**
     * Up to {@code limit} chats of a user, the most recently updated first: after {@code cursor} when given, else
     * after skipping {@code offset} chats. Another user's list: ForbiddenException (403) unless the caller is an
     * admin.
     */
    public ConversationPage list(UUID userId, int limit, long offset, Cursor cursor, Caller caller) {
        caller.requireSelfOrAdmin(userId, "you may only list your own conversations");
        ChatReads.ChatsPage page = chats.chats(userId, null, cursor == null ? null : cursor.updatedAt(),
                cursor == null ? null : cursor.chat(), limit, cursor == null ? offset : 0, Texts.PREVIEW_SOURCE_LENGTH);
        String next = null;
        if (page.more()) {
            ChatList.ChatRow last = page.chats().get(page.chats().size() - 1);
            next = new Cursor(last.updatedAt(), last.chat()).encode();
        }
        return new ConversationPage(userId, summaries(page.chats()), page.chats().size(), page.total(), next);
    }

    /**
     * The caller's own chats (an admin's too: their own) whose questions or answers contain {@code text}, matched
     * literally and case-insensitively, the most recently updated first, at most {@code limit}.
     */
    public ConversationSearchResult search(String text, int limit, Caller caller) {
        ChatReads.ChatsPage page = chats.chats(caller.userId(), text, null, null, limit, 0,
                Texts.PREVIEW_SOURCE_LENGTH);
        return new ConversationSearchResult("success", summaries(page.chats()), page.chats().size(), page.total());
    }

    /**
     * The messages of chat {@code chat}, oldest first, from turn {@code offset} on: at most {@code limit} turns and
     * {@link #MESSAGES_PAGE_BYTES} bytes of text (at least one turn). A chat without active turns (unknown or
     * deleted): NotFoundException (404); another user's: ForbiddenException (403) unless the caller is an admin.
     */
    public ConversationMessages messages(UUID chat, long offset, int limit, Caller caller) {
        ChatReads.ChatPage read = chats.chat(chat, offset, limit, MESSAGES_PAGE_BYTES,
                caller.selfOrAdmin("you may only read your own conversations")).orElseThrow(() -> gone(chat));
        List<ChatTurn> turns = read.turns();
        List<ConversationMessage> messages = new ArrayList<>();
        for (ChatTurn turn : read.page()) {
            TurnText text = read.texts().get(turn.id());
            if (text == null) {
                continue; // removed by hand between the two reads
            }
            String at = iso(turn.createdAt());
            messages.add(new ConversationMessage(turn.id() + "-q", turn.id(), "user", text.question(), at, null));
            if (turn.answered()) {
                messages.add(new ConversationMessage(turn.id() + "-a", turn.id(), "assistant", text.response(), at,
                        ConversationMessage.feedbackWord(turn.feedback())));
            }
        }
        int end = read.start() + read.page().size();
        boolean more = end < turns.size();
        int messageCount = turns.size() + (int) turns.stream().filter(ChatTurn::answered).count();
        return new ConversationMessages(chat.toString(), messageCount, turns.size(), read.start(), messages, more,
                more ? end : null);
    }

    static NotFoundException gone(UUID chat) {
        return new NotFoundException("conversation " + chat + " does not exist or was deleted");
    }

    private static List<ConversationSummary> summaries(List<ChatList.ChatRow> rows) {
        return rows.stream().map(ChatHistory::summary).toList();
    }

    private static ConversationSummary summary(ChatList.ChatRow row) {
        String firstQuestion = row.firstQuestion() == null ? "" : row.firstQuestion();
        String title = row.title() == null || row.title().isBlank()
                ? Texts.shorten(firstQuestion, Texts.TITLE_LENGTH) : row.title();
        boolean answered = row.lastResponse() != null && !row.lastResponse().isBlank();
        String last = Texts.shorten(answered ? row.lastResponse() : row.lastQuestion(), Texts.PREVIEW_LENGTH);
        return new ConversationSummary(row.chat(), title, Texts.shorten(firstQuestion, Texts.PREVIEW_LENGTH),
                last == null ? "" : last, row.turns() + row.answers(), row.turns(), iso(row.createdAt()),
                iso(row.updatedAt()), row.feedback(), row.language() == null ? DEFAULT_LANGUAGE : row.language(),
                "active");
    }

    static String iso(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }
}
