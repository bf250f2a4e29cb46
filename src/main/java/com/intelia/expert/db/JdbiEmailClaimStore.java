package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;

import java.util.UUID;

/** {@link EmailClaimStore} over Jdbi and {@link EmailClaimDao}. */
public record JdbiEmailClaimStore(Jdbi jdbi) implements EmailClaimStore {

    @Override
    public void record(UUID userId, String email) {
        jdbi.useExtension(EmailClaimDao.class, dao -> dao.record(userId, email));
    }
}
