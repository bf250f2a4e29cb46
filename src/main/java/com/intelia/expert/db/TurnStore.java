package com.intelia.expert.db;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where saves are written: turns inserted into {@code conversations} (see {@link TurnInserts}), whose statistics
 * trigger appends their contributions to {@code stats_delta_log} in the same transaction. Used by the direct writer
 * ({@code core/ConversationWriter.direct}) and the group commit ({@code core/SaveBatcher}); implemented over Jdbi by
 * {@link JdbiTurnStore}. A failure is a {@code JdbiException} that wrote nothing: a 503 with Retry-After when
 * PostgreSQL is unavailable now ({@link SqlStates#unavailable}), else a 500 ({@code DatabaseUnavailableMapper}).
 */
public interface TurnStore {

    /**
     * Inserts the turns of {@code writes}, whose conversation ids must be distinct, in one transaction, run again
     * whole when PostgreSQL chooses it as a deadlock victim (SQLSTATE 40P01).
     *
     * @return per conversation id what its save did; a conversation id is absent when its chat belongs to another
     *         user, and nothing was written for it (the save answers 403, or 409 to an admin)
     * @throws org.jdbi.v3.core.JdbiException when the transaction fails, nothing of it written: a row's own data
     *         refused has SQLSTATE class 22 or 23, which SaveBatcher reads to retry the saves of a batch one by one
     */
    Map<UUID, SaveOutcome> insertAll(List<ConversationWrite> writes);
}
