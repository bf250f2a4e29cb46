package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** {@link InvitationStore} over Jdbi and {@link InvitationDao}. */
public record JdbiInvitationStore(Jdbi jdbi) implements InvitationStore {

    /** Rolls back an invite that found the pair's pending invitation neither insertable nor readable. */
    private static final class Busy extends RuntimeException {
        Busy() {
            super(null, null, false, false);
        }
    }

    @Override
    public Optional<Pending> invite(UUID inviter, String inviterEmail, String email, String name, String tokenHash,
                                    OffsetDateTime expiresAt) {
        try {
            return Optional.of(jdbi.inTransaction(handle -> {
                InvitationDao dao = handle.attach(InvitationDao.class);
                dao.expirePending(inviter, email);
                Optional<InvitationRow> created = dao.insertPending(inviter, inviterEmail, email, name, tokenHash,
                        expiresAt);
                if (created.isPresent()) {
                    return new Pending(created.get(), true);
                }
                return new Pending(dao.findPending(inviter, email).orElseThrow(Busy::new), false);
            }));
        } catch (Busy e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<InvitationRow> accept(String keyedHash, String plainHash, UUID userId,
                                          Consumer<InvitationRow> check) {
        return jdbi.inTransaction(handle -> {
            InvitationDao dao = handle.attach(InvitationDao.class);
            Optional<InvitationRow> row = dao.lockByTokenHash(keyedHash, plainHash);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            check.accept(row.get());
            return Optional.of(dao.accept(row.get().id(), userId));
        });
    }
}
