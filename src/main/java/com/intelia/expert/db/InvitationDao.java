package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** SQL of the invitations table. Tokens are never stored, only their keyed hash. */
@RegisterConstructorMapper(InvitationRow.class)
public interface InvitationDao {

    String COLUMNS = "id, inviter_user_id, invited_email, invited_name, status, expires_at, accepted_at, accepted_user_id";

    @SqlUpdate("""
            UPDATE invitations SET status = 'expired'
            WHERE inviter_user_id = :inviter AND lower(invited_email) = lower(:email)
              AND status = 'pending' AND expires_at <= now()
            """)
    int expirePending(@Bind("inviter") UUID inviter, @Bind("email") String email);

    /** Empty when this inviter already has a pending invitation for the address. */
    @SqlQuery("""
            INSERT INTO invitations (inviter_user_id, inviter_email, invited_email, invited_name, token_hash,
                                     status, expires_at)
            VALUES (:inviter, :inviterEmail, :email, :name, :tokenHash, 'pending', :expiresAt)
            ON CONFLICT (inviter_user_id, lower(invited_email)) WHERE status = 'pending' DO NOTHING
            RETURNING\s""" + COLUMNS)
    Optional<InvitationRow> insertPending(@Bind("inviter") UUID inviter, @Bind("inviterEmail") String inviterEmail,
                                          @Bind("email") String email, @Bind("name") String name,
                                          @Bind("tokenHash") String tokenHash,
                                          @Bind("expiresAt") OffsetDateTime expiresAt);

    @SqlQuery("SELECT " + COLUMNS + " FROM invitations"
            + " WHERE inviter_user_id = :inviter AND lower(invited_email) = lower(:email) AND status = 'pending'")
    Optional<InvitationRow> findPending(@Bind("inviter") UUID inviter, @Bind("email") String email);

    @SqlQuery("SELECT " + COLUMNS + " FROM invitations WHERE token_hash = :tokenHash FOR UPDATE")
    Optional<InvitationRow> lockByTokenHash(@Bind("tokenHash") String tokenHash);

    @SqlQuery("""
            UPDATE invitations SET status = 'accepted', accepted_at = now(), accepted_user_id = :userId
            WHERE id = :id AND status = 'pending'
            RETURNING\s""" + COLUMNS)
    InvitationRow accept(@Bind("id") UUID id, @Bind("userId") UUID userId);

    @SqlUpdate("UPDATE invitations SET status = 'expired' WHERE id = :id AND status = 'pending'")
    int expire(@Bind("id") UUID id);
}
