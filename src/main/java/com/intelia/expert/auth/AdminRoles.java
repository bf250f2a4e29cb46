package com.intelia.expert.auth;

import com.intelia.expert.core.AdminRole;
import com.intelia.expert.directory.CachingUserDirectory;
import com.intelia.expert.directory.ProfileLookup;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The admin role of a user from the user directory: admin when the profile's user_type is admin or super_admin,
 * a plain user when it is anything else or there is no profile. When the directory cannot answer (Supabase 503 or
 * PGRST002, a timeout, the circuit open, no free database connection for the local directory), the directory's
 * last answer is used if it is at most {@code grace} old; otherwise the role is unknown, which the decisions that
 * need it answer with 503. A stale answer never outlives the grace, so a demoted admin loses the role at most
 * {@code grace} after the directory last said otherwise.
 */
public final class AdminRoles {

    private final CachingUserDirectory directory;
    private final Duration grace;

    /** {@code grace}: how old the last answer may be when the directory cannot answer now (0 turns it off). */
    public AdminRoles(CachingUserDirectory directory, Duration grace) {
        if (grace.isNegative() || grace.compareTo(CachingUserDirectory.LAST_ANSWER_RETENTION) > 0) {
            throw new IllegalArgumentException("the admin role grace must be between 0 and "
                    + CachingUserDirectory.LAST_ANSWER_RETENTION.toHours() + " hours");
        }
        this.directory = directory;
        this.grace = grace;
    }

    /** ADMIN, USER, or UNKNOWN with the directory's reason. Asks the directory (through its cache) once. */
    public AdminRole of(UUID userId) {
        ProfileLookup now = directory.lookup(userId);
        if (now != null && now.status() != ProfileLookup.Status.UNAVAILABLE) {
            return role(now);
        }
        Optional<ProfileLookup> last = directory.lastAnswer(userId, grace);
        if (last.isPresent()) {
            return role(last.get());
        }
        return AdminRole.unknown(now == null ? null : now.reason());
    }

    private static AdminRole role(ProfileLookup lookup) {
        return AdminRole.of(lookup.foundProfile().map(profile -> profile.isAdmin()).orElse(false));
    }
}
