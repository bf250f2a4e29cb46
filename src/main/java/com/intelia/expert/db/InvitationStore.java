package com.intelia.expert.db;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The invitations created and accepted with a token (POST /invitations, POST /invitations/accept): rows of
 * {@code invitations} that keep only the token's keyed hash. Each method is one transaction. Implemented over Jdbi
 * by {@link JdbiInvitationStore}. A failure is a {@code JdbiException} that wrote nothing: a 503 with Retry-After
 * when PostgreSQL is unavailable now ({@link SqlStates#unavailable}), else a 500.
 */
public interface InvitationStore {

    /** An inviter's pending invitation for an address, and whether this call created it. */
    record Pending(InvitationRow invitation, boolean created) {
    }

    /**
     * Marks the inviter's pending invitations for {@code email} (compared case-insensitively) whose expiry has
     * passed expired, then creates a pending one for it, by {@code inviter} ({@code inviterEmail}: null is stored as
     * empty) to {@code name} (null for none), holding {@code tokenHash}, valid until {@code expiresAt}; when the
     * inviter still has one pending for the address, that one is answered instead, not created.
     *
     * @return the pending invitation; empty when the inviter's pending invitation for the address was being changed
     *         by another request (the caller's 409), and nothing was written
     */
    Optional<Pending> invite(UUID inviter, String inviterEmail, String email, String name, String tokenHash,
                             OffsetDateTime expiresAt);

    /**
     * Locks the invitation of a token, found by {@code keyedHash} (the HMAC this service stores) or
     * {@code plainHash} (the SHA-256 stored for a token adopted from the original backend), and hands it to
     * {@code check}, which refuses it by throwing (already accepted, cancelled, expired: nothing is written, and the
     * exception reaches the caller as thrown); then marks it accepted by {@code userId}, now.
     *
     * @return the invitation as accepted; empty when no invitation has that token (the caller's 404)
     */
    Optional<InvitationRow> accept(String keyedHash, String plainHash, UUID userId, Consumer<InvitationRow> check);
}
