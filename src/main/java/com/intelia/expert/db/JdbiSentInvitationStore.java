package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** {@link SentInvitationStore} over Jdbi and {@link InvitationDao}. */
public record JdbiSentInvitationStore(Jdbi jdbi) implements SentInvitationStore {

    @Override
    public long countSentSince(UUID inviter, OffsetDateTime since) {
        return jdbi.withExtension(InvitationDao.class, dao -> dao.countSentSince(inviter, since));
    }

    @Override
    public Optional<PendingInvitation> newestPendingTo(String email) {
        return jdbi.withExtension(InvitationDao.class, dao -> dao.newestPendingTo(email));
    }

    @Override
    public Optional<UUID> recordSent(UUID inviter, String inviterEmail, String inviterName, String email,
                                     OffsetDateTime expiresAt) {
        return jdbi.inTransaction(handle -> {
            InvitationDao dao = handle.attach(InvitationDao.class);
            dao.supersedePending(inviter, email);
            return dao.insertSent(inviter, inviterEmail, inviterName, email, expiresAt);
        });
    }
}
