package com.intelia.expert.db;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The local invitation outbox (no SUPABASE_URL): invitation e-mails written to {@code invitation_outbox} instead
 * of being sent, each with the invited account's id, the link token's keyed hash and the account's metadata, and
 * the registration dates of {@code local_user_profiles}. Addresses are compared case-insensitively. Implemented
 * over Jdbi by {@link JdbiInvitationOutboxStore}. A failure is a {@code JdbiException} that wrote nothing: a 503
 * with Retry-After when PostgreSQL is unavailable now ({@link SqlStates#unavailable}), else a 500.
 */
public interface InvitationOutboxStore {

    /** An invitation written to the outbox: its row id, and the id of the invited account. */
    record Queued(UUID outboxId, UUID invitedUserId) {
    }

    /** When the local profile with address {@code email} was created; empty when there is none. */
    Optional<OffsetDateTime> profileCreatedAt(String email);

    /**
     * Writes an invitation to {@code email} into the outbox, in one transaction: the invited account is the one an
     * earlier invitation to the address created, else a new random id. {@code tokenHash}: the link token's keyed
     * hash; {@code metadataJson}: the account's metadata as a JSON object.
     */
    Queued queue(String email, String tokenHash, String metadataJson);

    /**
     * The outbox row of a link token's keyed hash, with the time its account completed its profile (null until
     * then); empty when no row has that hash.
     */
    Optional<OutboxEntry> byTokenHash(String tokenHash);

    /** Marks the invitations of account {@code invitedUserId} completed, now (those not completed yet). */
    void markCompleted(UUID invitedUserId);
}
