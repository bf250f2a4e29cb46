package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of the invitations table. Tokens are never stored, only their keyed hash (or, for tokens adopted from the
 * original backend, their SHA-256). inviter_email is NOT NULL as in the original schema: empty when the access token
 * carried no e-mail.
 */
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
            VALUES (:inviter, COALESCE(:inviterEmail, ''), :email, :name, :tokenHash, 'pending', :expiresAt)
            ON CONFLICT (inviter_user_id, lower(invited_email)) WHERE status = 'pending' DO NOTHING
            RETURNING\s""" + COLUMNS)
    Optional<InvitationRow> insertPending(@Bind("inviter") UUID inviter, @Bind("inviterEmail") String inviterEmail,
                                          @Bind("email") String email, @Bind("name") String name,
                                          @Bind("tokenHash") String tokenHash,
                                          @Bind("expiresAt") OffsetDateTime expiresAt);

    @SqlQuery("SELECT " + COLUMNS + " FROM invitations"
            + " WHERE inviter_user_id = :inviter AND lower(invited_email) = lower(:email) AND status = 'pending'")
    Optional<InvitationRow> findPending(@Bind("inviter") UUID inviter, @Bind("email") String email);

    /**
     * The invitation of a token, locked: {@code keyedHash} is the HMAC this service stores, {@code plainHash} the
     * SHA-256 that the migration stored for a token the original backend kept in plain text.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM invitations WHERE token_hash IN (:keyedHash, :plainHash) LIMIT 1 FOR UPDATE")
    Optional<InvitationRow> lockByTokenHash(@Bind("keyedHash") String keyedHash, @Bind("plainHash") String plainHash);

    @SqlQuery("""
            UPDATE invitations SET status = 'accepted', accepted_at = now(), accepted_user_id = :userId
            WHERE id = :id AND status = 'pending'
            RETURNING\s""" + COLUMNS)
    InvitationRow accept(@Bind("id") UUID id, @Bind("userId") UUID userId);

    /** The newest pending invitation to the address, by any inviter: the invite dialog's "invited less than 24 hours ago". */
    @SqlQuery("""
            SELECT inviter_user_id, inviter_email, inviter_name, created_at FROM invitations
            WHERE lower(invited_email) = lower(:email) AND status = 'pending'
            ORDER BY created_at DESC LIMIT 1
            """)
    @RegisterConstructorMapper(PendingInvitation.class)
    Optional<PendingInvitation> newestPendingTo(@Bind("email") String email);

    /** The newest invitation to the address whatever its status: who invited the person who accepts. */
    @SqlQuery("""
            SELECT inviter_user_id, inviter_email, inviter_name, created_at FROM invitations
            WHERE lower(invited_email) = lower(:email)
            ORDER BY (status = 'accepted') DESC, created_at DESC LIMIT 1
            """)
    @RegisterConstructorMapper(PendingInvitation.class)
    Optional<PendingInvitation> newestTo(@Bind("email") String email);

    /** Invitations the inviter recorded since the instant (the daily limit). */
    @SqlQuery("SELECT count(*) FROM invitations WHERE inviter_user_id = :inviter AND created_at > :since")
    long countSentSince(@Bind("inviter") UUID inviter, @Bind("since") OffsetDateTime since);

    /** A re-invitation replaces the inviter's pending one for the address (status superseded, as the original did). */
    @SqlUpdate("""
            UPDATE invitations SET status = 'superseded'
            WHERE inviter_user_id = :inviter AND lower(invited_email) = lower(:email) AND status = 'pending'
            """)
    int supersedePending(@Bind("inviter") UUID inviter, @Bind("email") String email);

    /** An invitation the invite dialog sent; empty when a concurrent request recorded the same pair first. */
    @SqlQuery("""
            INSERT INTO invitations (inviter_user_id, inviter_email, inviter_name, invited_email, status, expires_at)
            VALUES (:inviter, COALESCE(:inviterEmail, ''), :inviterName, :email, 'pending', :expiresAt)
            ON CONFLICT (inviter_user_id, lower(invited_email)) WHERE status = 'pending' DO NOTHING
            RETURNING id
            """)
    Optional<UUID> insertSent(@Bind("inviter") UUID inviter, @Bind("inviterEmail") String inviterEmail,
                              @Bind("inviterName") String inviterName, @Bind("email") String email,
                              @Bind("expiresAt") OffsetDateTime expiresAt);

    /**
     * Marks the newest pending invitation to the address accepted by the user, unless the user already accepted
     * one (so that a second call changes nothing). The id of the accepted invitation, or empty.
     */
    @SqlQuery("""
            UPDATE invitations SET status = 'accepted', accepted_at = now(), accepted_user_id = :userId
            WHERE id = (SELECT id FROM invitations WHERE lower(invited_email) = lower(:email) AND status = 'pending'
                        ORDER BY created_at DESC LIMIT 1 FOR UPDATE)
              AND NOT EXISTS (SELECT 1 FROM invitations WHERE accepted_user_id = :userId AND status = 'accepted')
            RETURNING id
            """)
    Optional<UUID> acceptNewestPendingTo(@Bind("email") String email, @Bind("userId") UUID userId);
}
