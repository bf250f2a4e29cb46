package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link TurnStore} over Jdbi: one transaction per call, around {@link TurnInserts#insertAll}. */
public record JdbiTurnStore(Jdbi jdbi) implements TurnStore {

    @Override
    public Map<UUID, SaveOutcome> insertAll(List<ConversationWrite> writes) {
        return DeadlockRetry.run(() -> jdbi.inTransaction(handle -> TurnInserts.insertAll(handle, writes)));
    }
}
