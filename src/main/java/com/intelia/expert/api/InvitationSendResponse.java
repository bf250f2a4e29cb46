package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The invite dialog's answer: one result per distinct address, in the order sent, and the counts of each status.
 * success is true when at least one invitation went out, or when every address was skipped without failure.
 */
public record InvitationSendResponse(
        @JsonProperty("success") boolean success,
        @JsonProperty("sent_count") int sentCount,
        @JsonProperty("resent_count") int resentCount,
        @JsonProperty("skipped_count") int skippedCount,
        @JsonProperty("failed_count") int failedCount,
        @JsonProperty("message") String message,
        @JsonProperty("results") List<Result> results) {

    /**
     * One address: status sent | resent | skipped | failed. reason: user_exists, already_invited_by_you,
     * already_invited_by_other (skipped), or a sentence for failed ("Invalid email address", "Email rate limit
     * exceeded (over_email_send_rate_limit)", ...). message: what the dialog may show.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            @JsonProperty("email") String email,
            @JsonProperty("success") boolean success,
            @JsonProperty("status") String status,
            @JsonProperty("reason") String reason,
            @JsonProperty("message") String message,
            @JsonProperty("details") Details details) {
    }

    /**
     * Why an address was skipped: registered_since and last_login (ISO-8601) of an existing account; invited_by (a
     * name, never another member's address), invited_at (ISO-8601) and hours_remaining (whole hours until it may be
     * invited again) of a recent invitation.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Details(
            @JsonProperty("registered_since") String registeredSince,
            @JsonProperty("last_login") String lastLogin,
            @JsonProperty("invited_by") String invitedBy,
            @JsonProperty("invited_at") String invitedAt,
            @JsonProperty("hours_remaining") Long hoursRemaining) {
    }
}
