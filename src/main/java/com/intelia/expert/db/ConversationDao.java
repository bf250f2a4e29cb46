package com.intelia.expert.db;

import com.intelia.expert.api.ConversationSummary;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the conversations table: idempotent save, owner lookup, pages of a user's list, soft delete. */
@RegisterRowMapper(ConversationSummaryMapper.class)
public interface ConversationDao {

    /**
     * Inserts the conversation or updates it when the id exists with the same owner; one statement, so
     * two saves of one id at the same moment cannot both insert. No row comes back when the id belongs
     * to another user.
     */
    @SqlQuery("""
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
            RETURNING (xmax = 0) AS created
            """)
    @RegisterConstructorMapper(SaveOutcome.class)
    Optional<SaveOutcome> upsert(@BindMethods ConversationWrite conversation);

    @SqlQuery("SELECT user_id FROM conversations WHERE id = :id")
    Optional<UUID> ownerOf(@Bind("id") UUID id);

    @SqlQuery("SELECT user_id FROM conversations WHERE id = :id FOR UPDATE")
    Optional<UUID> lockOwnerOf(@Bind("id") UUID id);

    @SqlQuery("""
            SELECT * FROM conversations
            WHERE user_id = :userId AND status = 'active'
            ORDER BY created_at DESC, id DESC
            LIMIT :limit
            """)
    List<ConversationSummary> firstPage(@Bind("userId") UUID userId, @Bind("limit") int limit);

    @SqlQuery("""
            SELECT * FROM conversations
            WHERE user_id = :userId AND status = 'active'
              AND (created_at, id) < (:afterCreatedAt, :afterId)
            ORDER BY created_at DESC, id DESC
            LIMIT :limit
            """)
    List<ConversationSummary> pageAfter(@Bind("userId") UUID userId, @Bind("afterCreatedAt") OffsetDateTime afterCreatedAt,
                                        @Bind("afterId") UUID afterId, @Bind("limit") int limit);

    @SqlUpdate("UPDATE conversations SET status = 'deleted' WHERE user_id = :userId AND status = 'active'")
    int softDeleteAll(@Bind("userId") UUID userId);

    @SqlUpdate("UPDATE conversations SET feedback = :rating, feedback_comment = :comment WHERE id = :id")
    int recordFeedback(@Bind("id") UUID id, @Bind("rating") int rating, @Bind("comment") String comment);
}
