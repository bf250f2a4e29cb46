package com.intelia.expert.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The save of turns: every save of a chat adds a row (a turn), none replaces one. The chat is the column
 * {@code session_id}; its first turn's row id is the conversation id, a later turn's is {@link ConversationWrite#laterTurnId()}.
 * One statement per save, all sent to PostgreSQL as one pipelined batch in the caller's transaction; the writes of a
 * batch must belong to distinct chats. A chat belongs to the user of its first turn; a save into another user's chat,
 * or one that repeats a turn the chat already holds (same question and answer), inserts nothing. A repeated later
 * turn meets its own row id (name-based on the texts) and is skipped by ON CONFLICT; only the first turn's texts are
 * compared, since its row id is the chat's: a save costs the same in a chat of 200 turns as in one of 2.
 */
public final class TurnInserts {

    /** Where a chat's rows are: its session_id, or a row whose id is the chat's (the first turn, or a legacy row). */
    private static final String CHAT_ROWS = "c.session_id = :sessionId OR c.id = :conversationId";

    static final String INSERT = """
            WITH chat AS (
                SELECT count(*) AS turns,
                       COALESCE((array_agg(c.user_id ORDER BY c.created_at, c.id))[1] <> :userId, false)
                           AS foreign_owner,
                       COALESCE(bool_or(c.id = :conversationId AND c.question = :question
                           AND c.response IS NOT DISTINCT FROM :response), false) AS repeated
                FROM conversations c
                WHERE %s
            )
            INSERT INTO conversations AS c (id, session_id, user_id, question, response, response_source,
                response_confidence, processing_time_ms, language, mode, sources, model, prompt_tokens,
                completion_tokens, title, preview, last_message_preview, created_at)
            SELECT CASE WHEN chat.turns = 0 THEN :conversationId ELSE :laterTurnId END, :sessionId, :userId, :question,
                :response, :responseSource, :confidence, :processingTimeMs, :language, :mode,
                CAST(:sourcesJson AS jsonb), :model, :promptTokens, :completionTokens, :title, :preview,
                :lastMessagePreview, COALESCE(:createdAt, now())
            FROM chat
            WHERE NOT chat.foreign_owner AND NOT chat.repeated
            ON CONFLICT (id) DO NOTHING
            RETURNING c.id
            """.formatted(CHAT_ROWS);

    /** Why a save inserted nothing: the chat is another user's, or it holds the turn already (its id). */
    private static final String EXPLAIN = """
            SELECT COALESCE((array_agg(c.user_id ORDER BY c.created_at, c.id))[1] <> :userId, false)
                       AS foreign_owner,
                   (array_agg(c.id ORDER BY c.created_at, c.id) FILTER (WHERE c.question = :question
                        AND c.response IS NOT DISTINCT FROM :response))[1] AS repeated_turn
            FROM conversations c
            WHERE %s
            """.formatted(CHAT_ROWS);

    /**
     * A save that inserted nothing while its chat seemed empty met a first turn committed meanwhile by another
     * transaction; each retry runs with a newer snapshot, which sees that commit.
     */
    private static final int ATTEMPTS = 5;

    private record Explanation(boolean foreignOwner, UUID repeatedTurn) {
    }

    private TurnInserts() {
    }

    /**
     * Inserts the turns of {@code writes} (distinct conversation ids), returns per conversation id what each save did;
     * a conversation id is absent when its chat belongs to another user (nothing was written for it), whether or not
     * the save repeats one of that chat's turns: a repeat is answered with the turn's id, which only the owner may
     * learn.
     */
    public static Map<UUID, SaveOutcome> insertAll(Handle handle, List<ConversationWrite> writes) {
        Map<UUID, SaveOutcome> outcomes = new HashMap<>();
        List<ConversationWrite> pending = writes;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<UUID, ConversationWrite> byRowId = new HashMap<>();
            PreparedBatch batch = StatementNames.named(handle.prepareBatch(INSERT), TurnInserts.class, "insert");
            for (ConversationWrite write : pending) {
                byRowId.put(write.conversationId(), write);
                byRowId.put(write.laterTurnId(), write);
                bind(batch, write).add();
            }
            Map<UUID, UUID> inserted = new HashMap<>();
            batch.executePreparedBatch("id").mapTo(UUID.class).forEach(id -> {
                ConversationWrite write = byRowId.get(id);
                inserted.put(write.conversationId(), id);
            });
            List<ConversationWrite> raced = new ArrayList<>();
            for (ConversationWrite write : pending) {
                UUID row = inserted.get(write.conversationId());
                if (row != null) {
                    outcomes.put(write.conversationId(), new SaveOutcome(row, row.equals(write.conversationId()), true));
                    continue;
                }
                Explanation why = explain(handle, write);
                if (why.foreignOwner()) {
                    continue; // another user's chat: no outcome, even when the texts match one of its turns
                }
                if (why.repeatedTurn() != null) {
                    outcomes.put(write.conversationId(), new SaveOutcome(why.repeatedTurn(),
                            why.repeatedTurn().equals(write.conversationId()), false));
                } else {
                    raced.add(write);
                }
            }
            if (!raced.isEmpty() && attempt == ATTEMPTS) {
                throw new IllegalStateException(raced.size() + " saves found their chat changing at every attempt");
            }
            pending = raced;
        }
        return outcomes;
    }

    private static PreparedBatch bind(PreparedBatch batch, ConversationWrite write) {
        // untyped, so that PostgreSQL casts it to the column's type: uuid in the original schema, text in others
        return batch.bindMethods(write)
                .bindBySqlType("sessionId", write.conversationId().toString(), Types.OTHER);
    }

    private static Explanation explain(Handle handle, ConversationWrite write) {
        return StatementNames.named(handle.createQuery(EXPLAIN), TurnInserts.class, "explain")
                .bind("userId", write.userId()).bind("question", write.question()).bind("response", write.response())
                .bind("conversationId", write.conversationId())
                .bindBySqlType("sessionId", write.conversationId().toString(), Types.OTHER)
                .map((rs, ctx) -> new Explanation(rs.getBoolean("foreign_owner"),
                        rs.getObject("repeated_turn", UUID.class)))
                .one();
    }
}
