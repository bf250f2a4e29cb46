package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** POST /invitations/accept with the token from the invitation link. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AcceptInvitationRequest(@JsonProperty("token") String token) {
}
