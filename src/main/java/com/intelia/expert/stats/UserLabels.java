package com.intelia.expert.stats;

import com.intelia.expert.directory.Profile;
import com.intelia.expert.directory.ProfileLookup;
import com.intelia.expert.directory.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * How a user_id is shown (DESIGN.md, "Unknown users"): names and e-mail only for a found profile; a missing or
 * unavailable profile gets a readable label with the short id, never the bare UUID as an e-mail.
 */
public record UserLabels(UUID userId, String status, String email, String firstName, String lastName,
                         String displayName, String plan) {

    private static final Logger LOG = LoggerFactory.getLogger(UserLabels.class);

    /** One batched directory request; a directory that fails makes every answer "unavailable". */
    public static Map<UUID, UserLabels> of(UserDirectory directory, Collection<UUID> userIds) {
        Map<UUID, UserLabels> labels = new HashMap<>();
        if (userIds.isEmpty()) {
            return labels;
        }
        Collection<UUID> ids = new LinkedHashSet<>(userIds);
        Map<UUID, ProfileLookup> answers;
        try {
            answers = directory.lookup(ids);
        } catch (RuntimeException e) {
            LOG.warn("User directory lookup of {} users failed: {}", ids.size(), e.toString());
            answers = Map.of();
        }
        for (UUID id : ids) {
            ProfileLookup answer = answers.get(id);
            labels.put(id, answer == null ? unavailable(id) : of(answer, id));
        }
        return labels;
    }

    static UserLabels of(ProfileLookup lookup, UUID id) {
        return switch (lookup.status()) {
            case FOUND -> found(lookup.profile(), id);
            case MISSING -> new UserLabels(id, "missing", "Unknown user (" + shortId(id) + ")", "Unknown user",
                    shortId(id), "Unknown user (" + shortId(id) + ")", "unknown");
            case UNAVAILABLE -> unavailable(id);
        };
    }

    private static UserLabels found(Profile profile, UUID id) {
        String first = profile.firstName() == null ? "" : profile.firstName().strip();
        String last = profile.lastName() == null ? "" : profile.lastName().strip();
        String email = profile.email() == null || profile.email().isBlank()
                ? "No e-mail (" + shortId(id) + ")" : profile.email();
        String name = (first + " " + last).strip();
        return new UserLabels(id, "found", email, first, last, name.isEmpty() ? email : name,
                profile.plan() == null ? "free" : profile.plan());
    }

    private static UserLabels unavailable(UUID id) {
        return new UserLabels(id, "unavailable", "Profile unavailable (" + shortId(id) + ")", "Profile unavailable",
                shortId(id), "Profile unavailable (" + shortId(id) + ")", "unknown");
    }

    static String shortId(UUID id) {
        return id.toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }
}
