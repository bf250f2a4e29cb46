package com.intelia.expert.core;

import com.intelia.expert.api.ConversationMessage;
import com.intelia.expert.api.ConversationMessages;
import com.intelia.expert.api.ConversationPage;
import com.intelia.expert.api.ConversationSearchResult;
import com.intelia.expert.api.ConversationSummary;
import com.intelia.expert.db.ChatKey;
import com.intelia.expert.db.ChatList;
import com.intelia.expert.db.ChatTurn;
import com.intelia.expert.db.ConversationDao;
import com.intelia.expert.db.TurnText;
import jakarta.ws.rs.NotFoundException;
import org.jdbi.v3.core.Jdbi;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    private final Jdbi jdbi;

    public ChatHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Up to {@code limit} chats of a user, the most recently updated first: after {@code cursor} when given, else
     * after skipping {@code offset} chats. Another user's list: ForbiddenException (403) unless the caller is an
     * admin.
     */
    public ConversationPage list(UUID userId, int limit, long offset, Cursor cursor, Caller caller) {
        caller.requireSelfOrAdmin(userId, "you may only list your own conversations");
        return jdbi.inTransaction(handle -> {
            ChatList chats = new ChatList(handle);
            List<ChatList.ChatRow> rows = chats.page(userId, null, cursor == null ? null : cursor.updatedAt(),
                    cursor == null ? null : cursor.chat(), limit + 1, cursor == null ? offset : 0,
                    Texts.PREVIEW_SOURCE_LENGTH);
            List<ChatList.ChatRow> page = rows.size() > limit ? rows.subList(0, limit) : rows;
            String next = null;
            if (rows.size() > limit) {
                ChatList.ChatRow last = page.get(page.size() - 1);
                next = new Cursor(last.updatedAt(), last.chat()).encode();
            }
            long total = cursor == null && offset == 0 && rows.size() <= limit ? rows.size()
                    : chats.count(userId, null);
            return new ConversationPage(userId, summaries(page), page.size(), total, next);
        });
    }

    /**
     * The caller's own chats (an admin's too: their own) whose questions or answers contain {@code text}, matched
     * literally and case-insensitively, the most recently updated first, at most {@code limit}.
     */
    public ConversationSearchResult search(String text, int limit, Caller caller) {
        return jdbi.inTransaction(handle -> {
            ChatList chats = new ChatList(handle);
            List<ChatList.ChatRow> rows = chats.page(caller.userId(), text, null, null, limit + 1, 0,
                    Texts.PREVIEW_SOURCE_LENGTH);
            List<ChatList.ChatRow> page = rows.size() > limit ? rows.subList(0, limit) : rows;
            long total = rows.size() <= limit ? rows.size() : chats.count(caller.userId(), text);
            return new ConversationSearchResult("success", summaries(page), page.size(), total);
        });
    }

    /**
     * The messages of chat {@code chat}, oldest first, from turn {@code offset} on: at most {@code limit} turns and
     * {@link #MESSAGES_PAGE_BYTES} bytes of text (at least one turn). A chat without active turns (unknown or
     * deleted): NotFoundException (404); another user's: ForbiddenException (403) unless the caller is an admin.
     */
    public ConversationMessages messages(UUID chat, long offset, int limit, Caller caller) {
        return jdbi.inTransaction(handle -> {
            ConversationDao dao = handle.attach(ConversationDao.class);
            UUID owner = dao.ownerOf(ChatKey.of(chat)).orElseThrow(() -> gone(chat));
            List<ChatTurn> turns = dao.activeTurns(ChatKey.of(chat), owner);
            if (turns.isEmpty()) {
                throw gone(chat);
            }
            caller.requireSelfOrAdmin(owner, "you may only read your own conversations");
            int start = (int) Math.min(offset, turns.size());
            List<ChatTurn> page = new ArrayList<>();
            long bytes = 0;
            for (int i = start; i < turns.size() && page.size() < limit; i++) {
                ChatTurn turn = turns.get(i);
                if (!page.isEmpty() && bytes + turn.textBytes() > MESSAGES_PAGE_BYTES) {
                    break;
                }
                bytes += turn.textBytes();
                page.add(turn);
            }
            Map<UUID, TurnText> texts = page.isEmpty() ? Map.of()
                    : dao.texts(page.stream().map(ChatTurn::id).toArray(UUID[]::new)).stream()
                            .collect(Collectors.toMap(TurnText::id, Function.identity()));
            List<ConversationMessage> messages = new ArrayList<>();
            for (ChatTurn turn : page) {
                TurnText text = texts.get(turn.id());
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
            int end = start + page.size();
            boolean more = end < turns.size();
            int messageCount = turns.size() + (int) turns.stream().filter(ChatTurn::answered).count();
            return new ConversationMessages(chat.toString(), messageCount, turns.size(), start, messages, more,
                    more ? end : null);
        });
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
