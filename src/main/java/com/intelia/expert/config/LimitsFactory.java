package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Limits of the write API: text sizes and how long an invitation stays valid. */
public class LimitsFactory {

    @JsonProperty @Min(1000) @Max(10_000_000) private int maxTextCharacters = 100_000;
    @JsonProperty @NotNull private Duration invitationValidity = Duration.days(7);

    public int getMaxTextCharacters() { return maxTextCharacters; }
    public java.time.Duration invitationValidity() {
        return java.time.Duration.ofMillis(invitationValidity.toMilliseconds());
    }
    public void setMaxTextCharacters(int maxTextCharacters) { this.maxTextCharacters = maxTextCharacters; }
}
