package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** POST /auth/invitations/exchange-token: the link's one-time token (its token_hash), 422 when missing. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InvitationExchangeRequest(@JsonProperty("token") @NotBlank @Size(max = 4096) String token) {
}
