package com.intelia.expert.db;

import com.intelia.expert.directory.Profile;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The profiles of the local user directory (outside production): {@code local_user_profiles} in the application
 * database. Each method is one statement. Implemented over Jdbi by {@link JdbiLocalProfileStore}. A failure is a
 * {@code org.jdbi.v3.core.JdbiException}: LocalUserDirectory answers its lookups "unavailable" then; elsewhere it is
 * a 503 with Retry-After when PostgreSQL is unavailable now ({@link SqlStates#unavailable}), else a 500.
 */
public interface LocalProfileStore {

    /** The profiles of those of {@code ids} that have one, in no particular order; {@code ids} is not empty. */
    List<Profile> find(Collection<UUID> ids);

    /** The profile whose e-mail address is {@code email}, compared case-insensitively; empty when none. */
    Optional<Profile> findByEmail(String email);

    /** Profiles per plan ("none" for a profile without one): plan to count. */
    Map<String, Long> planCounts();

    /**
     * Adds the profile, or replaces the one with its id.
     *
     * @throws org.jdbi.v3.core.statement.UnableToExecuteStatementException with SQLSTATE 23505 when another profile
     *         has its e-mail address (compared case-insensitively)
     */
    void save(Profile profile);
}
