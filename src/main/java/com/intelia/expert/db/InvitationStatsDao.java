package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.OffsetDateTime;
import java.util.List;

/** Aggregates of the invitations table for the admin statistics. */
public interface InvitationStatsDao {

    @SqlQuery("""
            SELECT count(*) AS total,
                   count(*) FILTER (WHERE status = 'accepted') AS accepted,
                   count(*) FILTER (WHERE status = 'pending' AND (expires_at IS NULL OR expires_at > :now)) AS pending,
                   count(DISTINCT inviter_user_id) AS unique_inviters,
                   count(DISTINCT inviter_user_id) FILTER (WHERE created_at >= :activeSince) AS active_inviters
            FROM invitations
            """)
    @RegisterConstructorMapper(InvitationTotals.class)
    InvitationTotals totals(@Bind("now") OffsetDateTime now, @Bind("activeSince") OffsetDateTime activeSince);

    @SqlQuery("""
            SELECT inviter_user_id, max(inviter_email) AS inviter_email, count(*) AS sent,
                   count(*) FILTER (WHERE status = 'accepted') AS accepted
            FROM invitations GROUP BY inviter_user_id
            ORDER BY sent DESC, accepted DESC, inviter_user_id LIMIT :limit
            """)
    @RegisterConstructorMapper(InviterCount.class)
    List<InviterCount> topBySent(@Bind("limit") int limit);

    @SqlQuery("""
            SELECT inviter_user_id, max(inviter_email) AS inviter_email, count(*) AS sent,
                   count(*) FILTER (WHERE status = 'accepted') AS accepted
            FROM invitations GROUP BY inviter_user_id HAVING count(*) FILTER (WHERE status = 'accepted') > 0
            ORDER BY accepted DESC, sent DESC, inviter_user_id LIMIT :limit
            """)
    @RegisterConstructorMapper(InviterCount.class)
    List<InviterCount> topByAccepted(@Bind("limit") int limit);
}
