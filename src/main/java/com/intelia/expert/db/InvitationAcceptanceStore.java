package com.intelia.expert.db;

import java.util.Optional;
import java.util.UUID;

/**
 * What the acceptance pages read and write in {@code invitations}, for a person whom the invitation channel has
 * already identified. Addresses are compared case-insensitively. Implemented over Jdbi by
 * {@link JdbiInvitationAcceptanceStore}. A failure is a {@code JdbiException} that wrote nothing: a 503 with
 * Retry-After when PostgreSQL is unavailable now ({@link SqlStates#unavailable}), else a 500.
 */
public interface InvitationAcceptanceStore {

    /**
     * The newest invitation to {@code email}, an accepted one first, whatever its status: who invited the person
     * who accepts, and when; empty when the address was never invited.
     */
    Optional<PendingInvitation> newestTo(String email);

    /**
     * Marks the newest pending invitation to {@code email} accepted by {@code userId}, now, in one statement, unless
     * that user already accepted one (so that completing the profile twice changes nothing).
     *
     * @return the accepted invitation's id; empty when nothing was marked
     */
    Optional<UUID> acceptNewestPendingTo(String email, UUID userId);
}
