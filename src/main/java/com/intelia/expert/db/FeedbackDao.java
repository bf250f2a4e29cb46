package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.UUID;

/** SQL of the feedback table: one row per conversation and rater, replaced by a second rating. */
public interface FeedbackDao {

    @SqlQuery("""
            INSERT INTO feedback (conversation_id, user_id, rating, comment, feedback_type)
            VALUES (:conversationId, :userId, :rating, :comment, :feedbackType)
            ON CONFLICT (conversation_id, user_id) DO UPDATE SET
                rating = EXCLUDED.rating, comment = EXCLUDED.comment, feedback_type = EXCLUDED.feedback_type
            RETURNING (xmax = 0) AS created
            """)
    @RegisterConstructorMapper(SaveOutcome.class)
    SaveOutcome upsert(@Bind("conversationId") UUID conversationId, @Bind("userId") UUID userId,
                       @Bind("rating") int rating, @Bind("comment") String comment,
                       @Bind("feedbackType") String feedbackType);
}
