package com.intelia.expert.core;

import com.intelia.expert.db.ConversationWrite;
import com.intelia.expert.db.SaveOutcome;
import com.intelia.expert.db.TurnStore;

import java.util.List;
import java.util.Optional;

/** Writes one turn of a chat durably: what the save did, or empty when the chat belongs to another user. */
public interface ConversationWriter {

    Optional<SaveOutcome> write(ConversationWrite conversation);

    /** Each save in its own transaction, rerun when chosen as a deadlock victim. */
    static ConversationWriter direct(TurnStore turns) {
        return conversation -> Optional.ofNullable(turns.insertAll(List.of(conversation))
                .get(conversation.conversationId()));
    }
}
