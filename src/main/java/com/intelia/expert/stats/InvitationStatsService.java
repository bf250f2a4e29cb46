package com.intelia.expert.stats;

import com.intelia.expert.api.CacheInfo;
import com.intelia.expert.api.InvitationStats;
import com.intelia.expert.db.InvitationStatsDao;
import com.intelia.expert.db.InvitationTotals;
import com.intelia.expert.db.InviterCount;
import com.intelia.expert.db.ReadDatabase;
import com.intelia.expert.directory.UserDirectory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Invitation statistics for the admin pages, in both shapes the frontend reads. Inviters are named from the user
 * directory in one batched lookup; an inviter without a profile shows the e-mail recorded on the invitation (or a
 * label with the short id), never the bare UUID; an inviter the original backend recorded without a user id is
 * counted apart and named by its e-mail. Active inviters sent an invitation in the last 30 days.
 */
public class InvitationStatsService {

    static final int TOP = 10;
    /** profile_status of an inviter known by e-mail only (invitations adopted from the original backend). */
    static final String NO_USER_ID = "no_user_id";
    static final Duration ACTIVE_WINDOW = Duration.ofDays(30);

    private final ReadDatabase reads;
    private final UserDirectory directory;
    private final Clock clock;

    /** reads: the read node with the primary behind it, or the primary (figures may be a moment old). */
    public InvitationStatsService(ReadDatabase reads, UserDirectory directory, Clock clock) {
        this.reads = reads;
        this.directory = directory;
        this.clock = clock;
    }

    /** GET /stats-fast/invitations. */
    public InvitationStats.Fast fast() {
        Figures f = figures();
        return new InvitationStats.Fast(CacheInfo.notCached(clock.instant().toString(), "read at request time"),
                new InvitationStats.Summary(f.totals().total(), f.totals().accepted(),
                        rate(f.totals().accepted(), f.totals().total()), f.totals().uniqueInviters(), f.bySent(),
                        f.byAccepted()));
    }

    /** GET /invitations/stats/global-enhanced. */
    public InvitationStats.Global global() {
        Figures f = figures();
        InvitationTotals t = f.totals();
        return new InvitationStats.Global(t.total(), t.accepted(), t.pending(), rate(t.accepted(), t.total()),
                t.activeInviters(), t.uniqueInviters(), f.bySent(), f.byAccepted());
    }

    private record Figures(InvitationTotals totals, List<InvitationStats.Inviter> bySent,
                           List<InvitationStats.Inviter> byAccepted) {
    }

    private Figures figures() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        record Raw(InvitationTotals totals, List<InviterCount> bySent, List<InviterCount> byAccepted) {
        }
        Raw raw = reads.withExtension(InvitationStatsDao.class, dao -> new Raw(
                dao.totals(now, now.minus(ACTIVE_WINDOW)), dao.topBySent(TOP), dao.topByAccepted(TOP)));
        Set<UUID> ids = new HashSet<>();
        raw.bySent().stream().map(InviterCount::inviterUserId).filter(Objects::nonNull).forEach(ids::add);
        raw.byAccepted().stream().map(InviterCount::inviterUserId).filter(Objects::nonNull).forEach(ids::add);
        Map<UUID, UserLabels> labels = UserLabels.of(directory, ids);
        return new Figures(raw.totals(), inviters(raw.bySent(), labels), inviters(raw.byAccepted(), labels));
    }

    private static List<InvitationStats.Inviter> inviters(List<InviterCount> counts, Map<UUID, UserLabels> labels) {
        List<InvitationStats.Inviter> out = new ArrayList<>();
        for (InviterCount count : counts) {
            if (count.inviterUserId() == null) {
                out.add(byEmailOnly(count));
                continue;
            }
            UserLabels label = labels.get(count.inviterUserId());
            boolean found = "found".equals(label.status());
            String email = found || count.inviterEmail() == null || count.inviterEmail().isBlank()
                    ? label.email() : count.inviterEmail();
            out.add(new InvitationStats.Inviter(email, label.displayName(), count.sent(), count.accepted(),
                    rate(count.accepted(), count.sent()), count.inviterUserId(), label.status()));
        }
        return out;
    }

    /** An inviter the original backend recorded by e-mail only: named by that e-mail (and name, when recorded). */
    private static InvitationStats.Inviter byEmailOnly(InviterCount count) {
        String email = count.inviterEmail() == null || count.inviterEmail().isBlank()
                ? "Unknown inviter" : count.inviterEmail();
        String name = count.inviterName() == null || count.inviterName().isBlank() ? email : count.inviterName().strip();
        return new InvitationStats.Inviter(email, name, count.sent(), count.accepted(),
                rate(count.accepted(), count.sent()), null, NO_USER_ID);
    }

    /** Percent with one decimal; 0 when nothing was sent. */
    static double rate(long accepted, long sent) {
        return sent == 0 ? 0 : Math.round(1000.0 * accepted / sent) / 10.0;
    }
}
