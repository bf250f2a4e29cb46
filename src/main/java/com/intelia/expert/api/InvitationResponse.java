package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/**
 * An invitation. The token is shown once, when it is created: only its keyed hash is stored, so a
 * repeated invitation of the same address answers without it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvitationResponse(
        @JsonProperty("invitation_id") UUID invitationId,
        @JsonProperty("status") String status,
        @JsonProperty("invited_email") String invitedEmail,
        @JsonProperty("invited_name") String invitedName,
        @JsonProperty("inviter_user_id") UUID inviterUserId,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("accepted_at") String acceptedAt,
        @JsonProperty("token") String token,
        @JsonProperty("already_invited") Boolean alreadyInvited) {
}
