package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** {@link InvitationOutboxStore} over Jdbi and {@link InvitationOutboxDao}. */
public record JdbiInvitationOutboxStore(Jdbi jdbi) implements InvitationOutboxStore {

    @Override
    public Optional<OffsetDateTime> profileCreatedAt(String email) {
        return jdbi.withExtension(InvitationOutboxDao.class, dao -> dao.profileCreatedAt(email));
    }

    @Override
    public Queued queue(String email, String tokenHash, String metadataJson) {
        return jdbi.inTransaction(handle -> {
            InvitationOutboxDao dao = handle.attach(InvitationOutboxDao.class);
            UUID invitedUser = dao.invitedUserOf(email).orElseGet(UUID::randomUUID);
            return new Queued(dao.insert(invitedUser, email, tokenHash, metadataJson), invitedUser);
        });
    }

    @Override
    public Optional<OutboxEntry> byTokenHash(String tokenHash) {
        return jdbi.withExtension(InvitationOutboxDao.class, dao -> dao.byTokenHash(tokenHash));
    }

    @Override
    public void markCompleted(UUID invitedUserId) {
        jdbi.useExtension(InvitationOutboxDao.class, dao -> dao.markCompleted(invitedUserId));
    }
}
