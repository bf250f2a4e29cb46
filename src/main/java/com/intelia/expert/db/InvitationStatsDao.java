package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Aggregates of the invitations table for the admin statistics. An inviter is its user id, or, for invitations the
 * original backend recorded without one, its lower-cased e-mail address.
 */
public interface InvitationStatsDao {

    @SqlQuery("""
            SELECT count(*) AS total,
                   count(*) FILTER (WHERE status = 'accepted') AS accepted,
                   count(*) FILTER (WHERE status = 'pending' AND (expires_at IS NULL OR expires_at > :now)) AS pending,
                   count(DISTINCT COALESCE(inviter_user_id::text, 'email:' || lower(inviter_email))) AS unique_inviters,
                   count(DISTINCT COALESCE(inviter_user_id::text, 'email:' || lower(inviter_email))) FILTER (WHERE created_at >= :activeSince) AS active_inviters
            FROM invitations
            """)
    @RegisterConstructorMapper(InvitationTotals.class)
    InvitationTotals totals(@Bind("now") OffsetDateTime now, @Bind("activeSince") OffsetDateTime activeSince);

    @SqlQuery("""
            SELECT inviter_user_id, min(COALESCE(inviter_user_id::text, 'email:' || lower(inviter_email))) AS inviter_key, max(inviter_email) AS inviter_email,
                   max(inviter_name) AS inviter_name, count(*) AS sent,
                   count(*) FILTER (WHERE status = 'accepted') AS accepted
            FROM invitations GROUP BY inviter_user_id, COALESCE(inviter_user_id::text, 'email:' || lower(inviter_email))
            ORDER BY sent DESC, accepted DESC, 2 LIMIT :limit
            """)
    @RegisterConstructorMapper(InviterCount.class)
    List<InviterCount> topBySent(@Bind("limit") int limit);

    @SqlQuery("""
            SELECT inviter_user_id, min(COALESCE(inviter_user_id::text, 'email:' || lower(inviter_email))) AS inviter_key, max(inviter_email) AS inviter_email,
                   max(inviter_name) AS inviter_name, count(*) AS sent,
                   count(*) FILTER (WHERE status = 'accepted') AS accepted
            FROM invitations GROUP BY inviter_user_id, COALESCE(inviter_user_id::text, 'email:' || lower(inviter_email)) HAVING count(*) FILTER (WHERE status = 'accepted') > 0
            ORDER BY accepted DESC, sent DESC, 2 LIMIT :limit
            """)
    @RegisterConstructorMapper(InviterCount.class)
    List<InviterCount> topByAccepted(@Bind("limit") int limit);
}
