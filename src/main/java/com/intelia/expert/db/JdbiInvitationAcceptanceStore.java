package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;

import java.util.Optional;
import java.util.UUID;

/** {@link InvitationAcceptanceStore} over Jdbi and {@link InvitationDao}. */
public record JdbiInvitationAcceptanceStore(Jdbi jdbi) implements InvitationAcceptanceStore {

    @Override
    public Optional<PendingInvitation> newestTo(String email) {
        return jdbi.withExtension(InvitationDao.class, dao -> dao.newestTo(email));
    }

    @Override
    public Optional<UUID> acceptNewestPendingTo(String email, UUID userId) {
        return jdbi.withExtension(InvitationDao.class, dao -> dao.acceptNewestPendingTo(email, userId));
    }
}
