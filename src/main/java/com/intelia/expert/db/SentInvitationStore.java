package com.intelia.expert.db;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The invite dialog's invitations (POST /invitations/send): rows of {@code invitations} recorded for e-mails sent
 * by Supabase (or the local outbox), without a token. Addresses are compared case-insensitively. Implemented over
 * Jdbi by {@link JdbiSentInvitationStore}. A failure is a {@code JdbiException} that wrote nothing: a 503 with
 * Retry-After when PostgreSQL is unavailable now ({@link SqlStates#unavailable}), else a 500.
 */
public interface SentInvitationStore {

    /** How many invitations {@code inviter} recorded after {@code since}, whatever their status (the daily limit). */
    long countSentSince(UUID inviter, OffsetDateTime since);

    /**
     * The newest pending invitation to {@code email}, by any inviter: who invited the address and when (the
     * dialog's "invited less than 24 hours ago"); empty when none is pending.
     */
    Optional<PendingInvitation> newestPendingTo(String email);

    /**
     * Records a sent invitation, in one transaction: the inviter's pending invitation for {@code email} is
     * superseded (status 'superseded', as the original backend did), and a pending one recorded, by {@code inviter}
     * ({@code inviterEmail} and {@code inviterName} as the access token and the dialog gave them; a null e-mail is
     * stored as empty), valid until {@code expiresAt}.
     *
     * @return the recorded invitation's id; empty when a concurrent request recorded the same pair first
     */
    Optional<UUID> recordSent(UUID inviter, String inviterEmail, String inviterName, String email,
                              OffsetDateTime expiresAt);
}
