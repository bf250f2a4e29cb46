package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.UUID;

/**
 * SQL of the feedback table: one row per rated turn and rater, replaced by a second rating. A chat's rating is
 * recorded on the turn that carries it (see ConversationDao.placeRating).
 */
public interface FeedbackDao {

    /** Whether the row was created (first rating of this turn by this rater) or replaced. */
    @SqlQuery("""
            INSERT INTO feedback (conversation_id, user_id, rating, comment, feedback_type)
            VALUES (:conversationId, :userId, :rating, :comment, :feedbackType)
            ON CONFLICT (conversation_id, user_id) DO UPDATE SET
                rating = EXCLUDED.rating, comment = EXCLUDED.comment, feedback_type = EXCLUDED.feedback_type
            RETURNING (xmax = 0) AS created
            """)
    boolean upsert(@Bind("conversationId") UUID conversationId, @Bind("userId") UUID userId,
                   @Bind("rating") int rating, @Bind("comment") String comment,
                   @Bind("feedbackType") String feedbackType);

    /** Removes the rater's rows on the given turns except {@code keep} (null: on all of them); returns how many. */
    @SqlUpdate("""
            DELETE FROM feedback
            WHERE user_id = :userId AND conversation_id = ANY(:turns)
              AND conversation_id IS DISTINCT FROM CAST(:keep AS uuid)
            """)
    int removeOthers(@Bind("userId") UUID userId, @Bind("turns") UUID[] turns, @Bind("keep") UUID keep);

    /** Replaces the comment of the rater's rating of one turn; returns 0 when the rater has none there. */
    @SqlUpdate("UPDATE feedback SET comment = :comment WHERE conversation_id = :turn AND user_id = :userId")
    int setComment(@Bind("turn") UUID turn, @Bind("userId") UUID userId, @Bind("comment") String comment);
}
