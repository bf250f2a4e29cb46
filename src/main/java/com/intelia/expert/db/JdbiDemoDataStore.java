package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.UUID;

/** {@link DemoDataStore} over Jdbi, {@link DemoDataDao} and {@link EmailClaimDao}. */
public record JdbiDemoDataStore(Jdbi jdbi) implements DemoDataStore {

    @Override
    public int insertConversations(UUID[] users, String[] questions, String[] languages, int days) {
        return jdbi.withExtension(DemoDataDao.class, dao -> dao.insertConversations(users, questions, languages, days));
    }

    @Override
    public int insertOrphan(UUID orphan, String email) {
        jdbi.useExtension(EmailClaimDao.class, dao -> dao.record(orphan, email));
        return jdbi.withExtension(DemoDataDao.class, dao -> dao.insertOrphanConversations(orphan));
    }

    @Override
    public List<DemoDataDao.Rateable> rateable(UUID orphan) {
        return jdbi.withExtension(DemoDataDao.class, dao -> dao.rateable(orphan));
    }
}
