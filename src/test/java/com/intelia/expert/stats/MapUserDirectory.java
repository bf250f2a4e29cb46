package com.intelia.expert.stats;

import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.directory.ProfileLookup;
import com.intelia.expert.directory.UserDirectory;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A directory for tests: known profiles are found, ids marked unavailable cannot be asked, others are missing. */
public class MapUserDirectory implements UserDirectory {

    private final Map<UUID, Profile> profiles = new ConcurrentHashMap<>();
    private final Set<UUID> unavailable = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();

    public MapUserDirectory add(Profile profile) {
        profiles.put(profile.id(), profile);
        return this;
    }

    public MapUserDirectory add(UUID id, String email, String first, String last) {
        return add(new Profile(id, email, first, last, "user", "pro"));
    }

    public MapUserDirectory unavailable(UUID id) {
        unavailable.add(id);
        return this;
    }

    /** How many batched lookups were made. */
    public int requests() {
        return requests.get();
    }

    @Override
    public Map<UUID, ProfileLookup> lookup(Collection<UUID> userIds) {
        requests.incrementAndGet();
        Map<UUID, ProfileLookup> answers = new HashMap<>();
        for (UUID id : new HashSet<>(userIds)) {
            if (unavailable.contains(id)) {
                answers.put(id, ProfileLookup.unavailable(id, "directory timed out"));
            } else if (profiles.containsKey(id)) {
                answers.put(id, ProfileLookup.found(profiles.get(id)));
            } else {
                answers.put(id, ProfileLookup.missing(id));
            }
        }
        return answers;
    }

    @Override
    public ProfileLookup lookupByEmail(String email) {
        return profiles.values().stream().filter(p -> p.email().equalsIgnoreCase(email)).findFirst()
                .map(ProfileLookup::found).orElseGet(() -> ProfileLookup.missing(null));
    }

    @Override
    public DatabaseStatus health() {
        return DatabaseStatus.healthy(0);
    }
}
