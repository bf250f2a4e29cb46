package com.intelia.expert.core;

import com.intelia.expert.db.OrphanAuditDao;
import com.intelia.expert.db.OrphanAuditReads;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.directory.ProfileLookup;
import com.intelia.expert.directory.UserDirectory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The orphan audit: every user_id with conversations but no profile, with its figures and what to do. The
 * e-mail claims remembered from accepted tokens say who an orphan was: an address with a profile means the
 * guide's option A (move the rows to that profile), an address without one means option B (create the account
 * with the same UUID). When the directory cannot answer for an id, the audit says so instead of guessing.
 */
public class UserIdAuditService {

    private final OrphanAuditReads reads;
    private final UserDirectory directory;

    public UserIdAuditService(OrphanAuditReads reads, UserDirectory directory) {
        this.reads = reads;
        this.directory = directory;
    }

    /**
     * Who is an orphan, without the per-orphan details: the user_ids with conversations, those the directory said
     * have no profile, and those it could not answer for (with its reason), which are not orphans.
     */
    public record Census(int usersChecked, List<UUID> orphans, List<UUID> unavailable, String reason) {

        public boolean complete() {
            return unavailable.isEmpty();
        }
    }

    public Census census() {
        List<UUID> users = reads.usersWithConversations();
        Map<UUID, ProfileLookup> lookups = directory.lookup(users);
        List<UUID> orphans = new ArrayList<>();
        List<UUID> unknown = new ArrayList<>();
        String reason = null;
        for (UUID user : users) {
            ProfileLookup lookup = lookups.get(user);
            if (lookup == null || lookup.status() == ProfileLookup.Status.UNAVAILABLE) {
                unknown.add(user);
                reason = lookup == null ? "no answer" : lookup.reason();
            } else if (lookup.status() == ProfileLookup.Status.MISSING) {
                orphans.add(user);
            }
        }
        return new Census(users.size(), List.copyOf(orphans), List.copyOf(unknown), reason);
    }

    /** The orphans of the conversations table, with their figures and the repair each one's sign-ins point to. */
    public UserIdAuditReport audit() {
        Census census = census();
        List<UUID> orphans = census.orphans();
        List<UUID> unknown = census.unavailable();
        String reason = census.reason();
        boolean complete = unknown.isEmpty();
        return new UserIdAuditReport(complete ? "complete" : "unavailable", census.usersChecked(), orphans.size(),
                complete ? null : unknown.size(),
                complete ? null : "the user directory could not be asked about " + unknown.size() + " user_ids ("
                        + reason + "); they are not counted as orphans. Run the audit again when it answers",
                orphans.isEmpty() ? List.of() : describe(orphans));
    }

    private List<UserIdAuditReport.Orphan> describe(List<UUID> orphans) {
        List<UserIdAuditReport.Orphan> rows = new ArrayList<>();
        for (OrphanAuditReads.Activity activity : reads.activity(orphans)) {
            OrphanAuditDao.UserActivity figures = activity.figures();
            rows.add(new UserIdAuditReport.Orphan(figures.userId(), figures.conversations(),
                    figures.firstAt().toInstant().toString(), figures.lastAt().toInstant().toString(),
                    activity.emails(), suggest(figures.userId(), activity.emails())));
        }
        return rows;
    }

    private UserIdAuditReport.Suggestion suggest(UUID orphan, List<String> emails) {
        for (String email : emails) {
            ProfileLookup byEmail = directory.lookupByEmail(email);
            if (byEmail.status() == ProfileLookup.Status.FOUND) {
                Profile profile = byEmail.profile();
                return new UserIdAuditReport.Suggestion("A", "this user_id signed in as " + email
                        + ", which now belongs to profile " + profile.id(),
                        new UserIdAuditReport.ProfileRef(profile.id(), profile.email()),
                        "POST /tasks/fix-user-id?from=" + orphan + "&to=" + profile.id()
                                + " (dry run; add &apply=true to move the rows)");
            }
        }
        if (!emails.isEmpty()) {
            String email = emails.get(0);
            return new UserIdAuditReport.Suggestion("B", "this user_id signed in as " + email
                    + ", and no profile has that address", null,
                    "POST /tasks/create-supabase-user?id=" + orphan + "&email=" + email);
        }
        return new UserIdAuditReport.Suggestion("A or B", "no access token of this user_id was seen, so who it was"
                + " is not known: find the person, then move the rows to their profile (fix-user-id) or create an"
                + " account with this id (create-supabase-user)", null, null);
    }
}
