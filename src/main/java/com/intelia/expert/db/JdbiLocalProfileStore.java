package com.intelia.expert.db;

import com.intelia.expert.directory.Profile;
import org.jdbi.v3.core.Jdbi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link LocalProfileStore} over Jdbi and {@link LocalProfileDao}. */
public record JdbiLocalProfileStore(Jdbi jdbi) implements LocalProfileStore {

    @Override
    public List<Profile> find(Collection<UUID> ids) {
        return jdbi.withExtension(LocalProfileDao.class, dao -> dao.find(ids.toArray(UUID[]::new)));
    }

    @Override
    public Optional<Profile> findByEmail(String email) {
        return jdbi.withExtension(LocalProfileDao.class, dao -> dao.findByEmail(email));
    }

    @Override
    public Map<String, Long> planCounts() {
        return jdbi.withExtension(LocalProfileDao.class, LocalProfileDao::planCounts);
    }

    @Override
    public void save(Profile profile) {
        jdbi.useExtension(LocalProfileDao.class, dao -> dao.upsert(profile));
    }
}
