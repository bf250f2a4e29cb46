package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** POST /invitations; the inviter is the signed-in user, never the body. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InvitationRequest(
        @JsonProperty("invited_email") String invitedEmail,
        @JsonProperty("invited_name") String invitedName) {
}
