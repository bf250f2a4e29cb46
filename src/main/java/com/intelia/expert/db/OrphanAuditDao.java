package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** SQL of the orphan audit: every user_id that saved conversations, and the exact figures of a few of them. */
public interface OrphanAuditDao {

    /** Conversations of one user_id: how many and the first and last. */
    record UserActivity(UUID userId, long conversations, OffsetDateTime firstAt, OffsetDateTime lastAt) {
    }

    /** Every user_id with conversations: a skip scan of the user_id index, one probe per distinct user. */
    @SqlQuery("""
            WITH RECURSIVE users AS (
              (SELECT user_id FROM conversations ORDER BY user_id LIMIT 1)
              UNION ALL
              SELECT (SELECT c.user_id FROM conversations c WHERE c.user_id > u.user_id ORDER BY c.user_id LIMIT 1)
              FROM users u WHERE u.user_id IS NOT NULL
            )
            SELECT user_id FROM users WHERE user_id IS NOT NULL
            """)
    List<UUID> usersWithConversations();

    @SqlQuery("""
            SELECT user_id, count(*) AS conversations, min(created_at) AS first_at, max(created_at) AS last_at
            FROM conversations WHERE user_id = ANY(:ids) GROUP BY user_id ORDER BY count(*) DESC, user_id
            """)
    @RegisterConstructorMapper(UserActivity.class)
    List<UserActivity> activity(@Bind("ids") UUID[] ids);
}
