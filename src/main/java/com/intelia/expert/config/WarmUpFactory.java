package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.concurrent.TimeUnit;

/**
 * The warmUp section of config.yml (http/WarmUp): how many rounds of requests a new instance sends itself before it
 * reports ready, and for how long at most.
 */
public class WarmUpFactory {

    /** WARM_UP_ROUNDS: 0 reports ready at once, with the first requests paying the start-up. */
    @JsonProperty @Min(0) @Max(20) private int rounds = 3;

    /** The longest the warm-up may hold readiness back, in s; App Platform's readiness check waits longer. */
    @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 60, unit = TimeUnit.SECONDS)
    private Duration within = Duration.seconds(20);

    public int getRounds() { return rounds; }

    public java.time.Duration getWithin() { return within.toJavaDuration(); }
}
