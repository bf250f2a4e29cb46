package com.intelia.expert.directory;

import java.util.Optional;
import java.util.UUID;

/**
 * What the directory said about one user_id: found (with the profile), missing (the directory answered
 * and has no such profile: an orphan) or unavailable (it could not be asked). See DESIGN.md, "Unknown users".
 */
public record ProfileLookup(UUID userId, Status status, Profile profile, String reason) {

    public enum Status { FOUND, MISSING, UNAVAILABLE }

    public static ProfileLookup found(Profile profile) {
        return new ProfileLookup(profile.id(), Status.FOUND, profile, null);
    }

    public static ProfileLookup missing(UUID userId) {
        return new ProfileLookup(userId, Status.MISSING, null, null);
    }

    public static ProfileLookup unavailable(UUID userId, String reason) {
        return new ProfileLookup(userId, Status.UNAVAILABLE, null, reason);
    }

    public Optional<Profile> foundProfile() {
        return Optional.ofNullable(profile);
    }
}
