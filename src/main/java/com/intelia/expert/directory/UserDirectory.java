package com.intelia.expert.directory;

import com.intelia.expert.api.DatabaseStatus;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Who a user_id is: Supabase in production, a local directory in the application database otherwise. */
public interface UserDirectory {

    /** One answer per id, in as few requests as the directory allows (one for a page of ids). */
    Map<UUID, ProfileLookup> lookup(Collection<UUID> userIds);

    default ProfileLookup lookup(UUID userId) {
        return lookup(Set.of(userId)).get(userId);
    }

    /**
     * The profile registered with this e-mail address (case-insensitive): found, missing, or unavailable. The
     * answer's userId is the profile's id when found, null otherwise. Used by the orphan audit, not per request.
     */
    ProfileLookup lookupByEmail(String email);

    /** Profiles per plan, for the dashboard's billing figures; read rarely and cached by the caller. */
    default PlanCounts planCounts() {
        return PlanCounts.unavailable("this directory does not list plans");
    }

    /** The directory's own health, as the public health report shows it under "supabase". */
    DatabaseStatus health();
}
