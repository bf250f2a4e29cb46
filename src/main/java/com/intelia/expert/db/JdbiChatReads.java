package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@link ChatReads} over Jdbi, {@link ChatList} and {@link ConversationDao}. */
public record JdbiChatReads(Jdbi jdbi) implements ChatReads {

    @Override
    public ChatsPage chats(UUID userId, String search, OffsetDateTime afterUpdatedAt, String afterChat, int limit,
                           long offset, int previewCharacters) {
        return jdbi.inTransaction(handle -> {
            ChatList chats = new ChatList(handle);
            List<ChatList.ChatRow> rows = chats.page(userId, search, afterUpdatedAt, afterChat, limit + 1, offset,
                    previewCharacters);
            boolean more = rows.size() > limit;
            List<ChatList.ChatRow> page = more ? rows.subList(0, limit) : rows;
            long total = afterUpdatedAt == null && offset == 0 && !more ? rows.size() : chats.count(userId, search);
            return new ChatsPage(page, more, total);
        });
    }

    @Override
    public Optional<ChatPage> chat(UUID chat, long offset, int limit, long maxBytes, Consumer<UUID> ownerCheck) {
        return jdbi.inTransaction(handle -> {
            ConversationDao dao = handle.attach(ConversationDao.class);
            List<ChatTurn> turns = dao.ownActiveTurns(chat, false, ownerCheck);
            if (turns.isEmpty()) {
                return Optional.empty();
            }
            int start = (int) Math.min(offset, turns.size());
            List<ChatTurn> page = new ArrayList<>();
            long bytes = 0;
            for (int i = start; i < turns.size() && page.size() < limit; i++) {
                ChatTurn turn = turns.get(i);
                if (!page.isEmpty() && bytes + turn.textBytes() > maxBytes) {
                    break;
                }
                bytes += turn.textBytes();
                page.add(turn);
            }
            Map<UUID, TurnText> texts = page.isEmpty() ? Map.of()
                    : dao.texts(page.stream().map(ChatTurn::id).toArray(UUID[]::new)).stream()
                            .collect(Collectors.toMap(TurnText::id, Function.identity()));
            return Optional.of(new ChatPage(turns, start, page, texts));
        });
    }
}
