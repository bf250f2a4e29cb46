package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.UUID;

/** GET /stats-fast/invitations and GET /invitations/stats/global-enhanced, as the contract gives them. */
public final class InvitationStats {

    private InvitationStats() {
    }

    /** GET /stats-fast/invitations. */
    public record Fast(@JsonProperty("cache_info") CacheInfo cacheInfo,
                       @JsonProperty("invitation_stats") Summary invitationStats) {
    }

    public record Summary(
            @JsonProperty("total_invitations_sent") long totalInvitationsSent,
            @JsonProperty("total_invitations_accepted") long totalInvitationsAccepted,
            @JsonProperty("acceptance_rate") double acceptanceRate,
            @JsonProperty("unique_inviters") long uniqueInviters,
            @JsonProperty("top_inviters") List<Inviter> topInviters,
            @JsonProperty("top_accepted") List<Inviter> topAccepted) {
    }

    /** GET /invitations/stats/global-enhanced. */
    public record Global(
            @JsonProperty("total_invitations") long totalInvitations,
            @JsonProperty("total_accepted") long totalAccepted,
            @JsonProperty("total_pending") long totalPending,
            @JsonProperty("global_acceptance_rate") double globalAcceptanceRate,
            @JsonProperty("active_inviters") long activeInviters,
            @JsonProperty("unique_inviters") long uniqueInviters,
            @JsonProperty("top_inviters_by_sent") List<Inviter> topInvitersBySent,
            @JsonProperty("top_inviters_by_accepted") List<Inviter> topInvitersByAccepted) {
    }

    /** acceptance_rate in percent; names only for a found profile (DESIGN.md, "Unknown users"). */
    public record Inviter(
            @JsonProperty("inviter_email") String inviterEmail,
            @JsonProperty("inviter_name") String inviterName,
            @JsonProperty("invitations_sent") long invitationsSent,
            @JsonProperty("invitations_accepted") long invitationsAccepted,
            @JsonProperty("acceptance_rate") double acceptanceRate,
            /* extra */
            @JsonProperty("inviter_user_id") UUID inviterUserId,
            @JsonProperty("profile_status") String profileStatus) {
    }
}
