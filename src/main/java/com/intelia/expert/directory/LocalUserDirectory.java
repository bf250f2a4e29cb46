package com.intelia.expert.directory;

import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.db.LocalProfileStore;
import org.jdbi.v3.core.JdbiException;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The user directory outside production: profiles in the application database's local_user_profiles, so
 * the service runs on one machine without Supabase. One query answers a whole page of ids.
 */
public class LocalUserDirectory implements UserDirectory {

    private final LocalProfileStore profiles;

    public LocalUserDirectory(LocalProfileStore profiles) {
        this.profiles = profiles;
    }

    @Override
    public Map<UUID, ProfileLookup> lookup(Collection<UUID> userIds) {
        Map<UUID, ProfileLookup> answers = new HashMap<>();
        if (userIds.isEmpty()) {
            return answers;
        }
        try {
            for (Profile profile : profiles.find(userIds)) {
                answers.put(profile.id(), ProfileLookup.found(profile));
            }
            for (UUID id : userIds) {
                answers.putIfAbsent(id, ProfileLookup.missing(id));
            }
        } catch (JdbiException e) {
            for (UUID id : userIds) {
                answers.putIfAbsent(id, ProfileLookup.unavailable(id, "the local directory cannot be read"));
            }
        }
        return answers;
    }

    @Override
    public ProfileLookup lookupByEmail(String email) {
        try {
            return profiles.findByEmail(email).map(ProfileLookup::found).orElseGet(() -> ProfileLookup.missing(null));
        } catch (JdbiException e) {
            return ProfileLookup.unavailable(null, "the local directory cannot be read");
        }
    }

    @Override
    public PlanCounts planCounts() {
        try {
            return PlanCounts.of(profiles.planCounts());
        } catch (JdbiException e) {
            return PlanCounts.unavailable("the local directory cannot be read");
        }
    }

    /** Adds or replaces a profile (demo data, tests, the local stand-in for Supabase's option B). */
    public void save(Profile profile) {
        profiles.save(profile);
    }

    @Override
    public DatabaseStatus health() {
        return DatabaseStatus.notConfigured(
                "SUPABASE_URL is not set: profiles come from the local directory in PostgreSQL");
    }
}
