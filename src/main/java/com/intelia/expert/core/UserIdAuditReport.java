package com.intelia.expert.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.UUID;

/**
 * What user-id-audit answers (UserIdAuditService.audit): status {@code complete}, or {@code unavailable} when the
 * directory could not be asked about some user_ids (then counted in unavailable_count, never as orphans), the user_ids
 * checked, and each orphan (a user_id with conversations and no profile, DESIGN.md "Unknown users") with its figures
 * and the repair its sign-ins point to.
 */
public record UserIdAuditReport(
        @JsonProperty("status") String status,
        @JsonProperty("users_checked") int usersChecked,
        @JsonProperty("orphan_count") int orphanCount,
        @JsonProperty("unavailable_count") @JsonInclude(JsonInclude.Include.NON_NULL) Integer unavailableCount,
        @JsonProperty("unavailable_reason") @JsonInclude(JsonInclude.Include.NON_NULL) String unavailableReason,
        @JsonProperty("orphans") List<Orphan> orphans) {

    /**
     * One orphan: its conversations, the first and last (ISO-8601, UTC), the e-mail addresses its access tokens
     * carried (user_email_claims), and the suggested repair.
     */
    public record Orphan(
            @JsonProperty("user_id") UUID userId,
            @JsonProperty("conversations") long conversations,
            @JsonProperty("first_at") String firstAt,
            @JsonProperty("last_at") String lastAt,
            @JsonProperty("emails_seen") List<String> emailsSeen,
            @JsonProperty("suggestion") Suggestion suggestion) {
    }

    /**
     * The guide's option: {@code A} (move the rows to the profile that now has the address: fix-user-id), {@code B}
     * (create an account with this id: create-supabase-user) or {@code A or B} when nothing points either way; why,
     * the profile of option A, and the task call to preview it.
     */
    public record Suggestion(
            @JsonProperty("option") String option,
            @JsonProperty("why") String why,
            @JsonProperty("profile") @JsonInclude(JsonInclude.Include.NON_NULL) ProfileRef profile,
            @JsonProperty("call") @JsonInclude(JsonInclude.Include.NON_NULL) String call) {
    }

    /** The profile option A points to. */
    public record ProfileRef(@JsonProperty("id") UUID id, @JsonProperty("email") String email) {
    }
}
