package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.UUID;

/** complete-profile's answer: where the page goes next (/chat), and whether this call changed anything. */
public record CompleteProfileResponse(
        @JsonProperty("success") boolean success,
        @JsonProperty("message") String message,
        @JsonProperty("redirect_url") String redirectUrl,
        @JsonProperty("user_id") UUID userId,
        @JsonProperty("already_completed") boolean alreadyCompleted) {
}
