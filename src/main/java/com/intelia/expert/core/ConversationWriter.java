package com.intelia.expert.core;

import com.intelia.expert.db.ConversationUpserts;
import com.intelia.expert.db.ConversationWrite;
import com.intelia.expert.db.SaveOutcome;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/** Writes one conversation durably: created or updated, or empty when its id belongs to another user. */
public interface ConversationWriter {

    Optional<SaveOutcome> write(ConversationWrite conversation);

    /** Each save in its own transaction, rerun when chosen as a deadlock victim. */
    static ConversationWriter direct(Jdbi jdbi) {
        return conversation -> DeadlockRetry.run(() -> jdbi.inTransaction(handle -> Optional.ofNullable(
                ConversationUpserts.upsertAll(handle, List.of(conversation)).get(conversation.id()))));
    }
}
