package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of invitation_outbox: the invitation e-mails of a service without SUPABASE_URL, which stand in for Supabase's
 * invite (the link's token kept only as its HMAC, the invited account's id and metadata), and of the local profiles'
 * registration date (local_user_profiles).
 */
@RegisterConstructorMapper(OutboxEntry.class)
public interface InvitationOutboxDao {

    @SqlQuery("""
            INSERT INTO invitation_outbox (invited_user_id, invited_email, token_hash, metadata)
            VALUES (:userId, :email, :tokenHash, CAST(:metadata AS jsonb))
            RETURNING id
            """)
    UUID insert(@Bind("userId") UUID invitedUserId, @Bind("email") String email, @Bind("tokenHash") String tokenHash,
                @Bind("metadata") String metadataJson);

    /** The account an earlier invitation to the address created, so that a re-invitation keeps it. */
    @SqlQuery("""
            SELECT invited_user_id FROM invitation_outbox WHERE lower(invited_email) = lower(:email)
            ORDER BY created_at DESC LIMIT 1
            """)
    Optional<UUID> invitedUserOf(@Bind("email") String email);

    @SqlQuery("""
            SELECT id, invited_user_id, invited_email, metadata::text AS metadata, created_at,
                   (SELECT max(completed_at) FROM invitation_outbox o WHERE o.invited_user_id = e.invited_user_id)
                     AS completed_at
            FROM invitation_outbox e WHERE token_hash = :tokenHash
            """)
    Optional<OutboxEntry> byTokenHash(@Bind("tokenHash") String tokenHash);

    @SqlUpdate("UPDATE invitation_outbox SET completed_at = now() WHERE invited_user_id = :userId AND completed_at IS NULL")
    int markCompleted(@Bind("userId") UUID invitedUserId);

    /** When the local profile of the address was created, or empty when it has none. */
    @SqlQuery("SELECT created_at FROM local_user_profiles WHERE lower(email) = lower(:email)")
    Optional<OffsetDateTime> profileCreatedAt(@Bind("email") String email);
}
