package com.intelia.expert.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The idempotent save of conversations: each row is inserted, or updated when its id exists with the same owner,
 * in one statement per row so that two saves of one id at the same moment cannot both insert. Several rows go to
 * PostgreSQL as one pipelined batch in the caller's transaction. Rows whose id belongs to another user are left
 * alone and are absent from the answer.
 */
public final class ConversationUpserts {

    static final String UPSERT = """
            INSERT INTO conversations AS c (id, session_id, user_id, question, response, response_source,
                response_confidence, processing_time_ms, language, mode, sources, model, prompt_tokens,
                completion_tokens, title, preview, last_message_preview, created_at)
            VALUES (:id, :sessionId, :userId, :question, :response, :responseSource, :confidence,
                :processingTimeMs, :language, :mode, CAST(:sourcesJson AS jsonb), :model, :promptTokens,
                :completionTokens, :title, :preview, :lastMessagePreview, COALESCE(:createdAt, now()))
            ON CONFLICT (id) DO UPDATE SET
                question = EXCLUDED.question,
                response = EXCLUDED.response,
                response_source = COALESCE(EXCLUDED.response_source, c.response_source),
                response_confidence = COALESCE(EXCLUDED.response_confidence, c.response_confidence),
                processing_time_ms = COALESCE(EXCLUDED.processing_time_ms, c.processing_time_ms),
                language = COALESCE(EXCLUDED.language, c.language),
                mode = COALESCE(EXCLUDED.mode, c.mode),
                sources = COALESCE(EXCLUDED.sources, c.sources),
                model = COALESCE(EXCLUDED.model, c.model),
                prompt_tokens = COALESCE(EXCLUDED.prompt_tokens, c.prompt_tokens),
                completion_tokens = COALESCE(EXCLUDED.completion_tokens, c.completion_tokens),
                title = COALESCE(:explicitTitle, c.title),
                preview = COALESCE(:explicitPreview, c.preview),
                last_message_preview = EXCLUDED.last_message_preview,
                message_count = c.message_count
                    + CASE WHEN c.question IS DISTINCT FROM EXCLUDED.question
                             OR c.response IS DISTINCT FROM EXCLUDED.response THEN 1 ELSE 0 END,
                status = 'active'
            WHERE c.user_id = EXCLUDED.user_id
            RETURNING c.id, (xmax = 0) AS created
                        """;

    private ConversationUpserts() {
    }

    /** Whether each row was created (true) or updated (false); the ids must be distinct. */
    public static Map<UUID, SaveOutcome> upsertAll(Handle handle, List<ConversationWrite> writes) {
        PreparedBatch batch = handle.prepareBatch(UPSERT);
        for (ConversationWrite write : writes) {
            // untyped, so that PostgreSQL casts it to the column's type: uuid in the original schema, text in others
            batch.bindMethods(write).bindBySqlType("sessionId", write.sessionId(), Types.OTHER).add();
        }
        Map<UUID, SaveOutcome> outcomes = new HashMap<>();
        batch.executePreparedBatch("id", "created")
                .map((rs, ctx) -> Map.entry(rs.getObject("id", UUID.class), new SaveOutcome(rs.getBoolean("created"))))
                .forEach(entry -> outcomes.put(entry.getKey(), entry.getValue()));
        return outcomes;
    }
}
