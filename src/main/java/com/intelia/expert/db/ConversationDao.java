package com.intelia.expert.db;

import com.intelia.expert.api.ConversationSummary;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the conversations table: owner lookup, pages of a user's list, soft delete (saves: ConversationUpserts). */
@RegisterRowMapper(ConversationSummaryMapper.class)
public interface ConversationDao {

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
