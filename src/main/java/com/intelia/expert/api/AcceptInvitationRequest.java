package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** POST /invitations/accept with the token from the invitation link (trimmed). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AcceptInvitationRequest(@JsonProperty("token") @NotBlank @Size(max = 512) String token) {
}
