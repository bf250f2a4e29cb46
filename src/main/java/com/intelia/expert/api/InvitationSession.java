package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/**
 * exchange-token's answer: the session the frontend sets (access_token, refresh_token; expires_in in seconds) and
 * whose it is.
 */
public record InvitationSession(
        @JsonProperty("success") boolean success,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("user_email") String userEmail,
        @JsonProperty("user_id") UUID userId) {
}
