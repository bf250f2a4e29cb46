package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Consumer;

/** {@link ChatStore} over Jdbi and {@link ConversationDao}. */
public record JdbiChatStore(Jdbi jdbi) implements ChatStore {

    @Override
    public OptionalInt deleteChat(UUID chat, Consumer<UUID> ownerCheck) {
        return DeadlockRetry.run(() -> jdbi.inTransaction(handle -> {
            ConversationDao dao = handle.attach(ConversationDao.class);
            List<ChatTurn> active = dao.ownActiveTurns(chat, true, ownerCheck);
            if (active.isEmpty()) {
                return OptionalInt.empty();
            }
            UUID owner = active.get(0).userId(); // the active turns read are the owner's
            return OptionalInt.of(dao.softDeleteChat(ChatKey.of(chat), owner));
        }));
    }

    @Override
    public ConversationDao.DeletedCounts deleteAllChats(UUID userId) {
        return DeadlockRetry.run(() -> jdbi.withExtension(ConversationDao.class, dao -> dao.softDeleteAll(userId)));
    }
}
