package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.UUID;

/**
 * validate-token's answer: who was invited (as Supabase, or the local outbox, says from the token) and by whom.
 * invitation_data: personal_message, language, invitation_date, invited_by, as the invitation recorded them.
 * valid repeats success, for the original backend's callers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvitationTokenCheck(
        @JsonProperty("success") boolean success,
        @JsonProperty("valid") boolean valid,
        @JsonProperty("message") String message,
        @JsonProperty("user_email") String userEmail,
        @JsonProperty("user_id") UUID userId,
        @JsonProperty("inviter_name") String inviterName,
        @JsonProperty("profile_completed") boolean profileCompleted,
        @JsonProperty("invitation_data") Map<String, Object> invitationData) {
}
