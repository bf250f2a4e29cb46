package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** POST /auth/invitations/validate-token: the access token from the invitation link (422 when missing). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InvitationTokenRequest(@JsonProperty("access_token") @NotBlank @Size(max = 16384) String accessToken) {
}
