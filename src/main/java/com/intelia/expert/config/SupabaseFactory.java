package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.benmanes.caffeine.cache.Ticker;
import com.intelia.expert.directory.CachingUserDirectory;
import com.intelia.expert.directory.SupabaseHealth;
import com.intelia.expert.directory.UserDirectory;
import com.intelia.expert.directory.SupabaseRest;
import com.intelia.expert.directory.SupabaseUnavailableException;
import com.intelia.expert.directory.SupabaseUserDirectory;
import io.dropwizard.client.JerseyClientBuilder;
import io.dropwizard.client.JerseyClientConfiguration;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.client.Client;

import java.time.Clock;

/** Supabase project settings: SUPABASE_URL with its anon and service keys, and how profiles are read from it. */
public class SupabaseFactory {

    @JsonProperty private String url;
    @JsonProperty private String key;
    @JsonProperty private String serviceKey;

    /** How long to wait for a TCP connection to Supabase. */
    @JsonProperty @NotNull private Duration connectTimeout = Duration.seconds(1);
    /** How long to wait for Supabase's answer once connected. */
    @JsonProperty @NotNull private Duration readTimeout = Duration.seconds(2);
    /** How long a found profile (names, user_type) is served from memory. */
    @JsonProperty @NotNull private Duration profileCacheTtl = Duration.minutes(5);
    /** How long "no such profile" is remembered; short, so that a profile created meanwhile shows soon. */
    @JsonProperty @NotNull private Duration missingCacheTtl = Duration.seconds(30);
    /** Attempts per request, the first included, on timeouts, connection errors and 5xx; 4xx is never retried. */
    @JsonProperty @Min(1) @Max(5) private int retryAttempts = 2;
    /** Pause between two attempts of the same request. */
    @JsonProperty @NotNull private Duration retryBackoff = Duration.milliseconds(200);
    /** How many recent requests the circuit breaker judges Supabase by. */
    @JsonProperty @Min(1) private int circuitBreakerWindow = 10;
    /** Requests needed in the window before the circuit breaker may open. */
    @JsonProperty @Min(1) private int circuitBreakerMinimumCalls = 5;
    /** Percentage of failed requests in the window that opens the circuit (no request is sent while open). */
    @JsonProperty @Min(1) @Max(100) private int circuitBreakerFailureRate = 50;
    /** How long an open circuit answers "unavailable" without asking, before letting trial requests through. */
    @JsonProperty @NotNull private Duration circuitBreakerOpenWait = Duration.seconds(30);
    /** Trial requests while half-open; when they succeed the circuit closes again. */
    @JsonProperty @Min(1) private int circuitBreakerHalfOpenCalls = 1;
    /**
     * How often Supabase is probed in the background for the health report (health/SupabaseMonitor); the health path
     * shows the last result and its age and never waits for Supabase.
     */
    @JsonProperty @NotNull private Duration healthProbeInterval = Duration.seconds(10);

    public boolean isConfigured() {
        return url != null && !url.isBlank();
    }

    /** The service key reads every profile under RLS; the anon key is the fallback. */
    public String readKey() {
        return serviceKey != null && !serviceKey.isBlank() ? serviceKey : key;
    }

    /**
     * The directory the application uses: Supabase behind a cache, over a Jersey client managed by Dropwizard
     * (metrics, lifecycle). Without SUPABASE_URL every id is "unavailable" and health says "not configured".
     */
    public CachingUserDirectory buildDirectory(Environment environment) {
        return buildDirectory(buildClient(environment), Clock.systemUTC(), Ticker.systemTicker());
    }

    /** Supabase behind the profile cache; the clock drives the circuit breaker, the ticker the cache. */
    public CachingUserDirectory buildDirectory(Client client, Clock clock, Ticker ticker) {
        return new CachingUserDirectory(buildSupabaseDirectory(client, clock), profileCacheTtl.toJavaDuration(),
                missingCacheTtl.toJavaDuration(), ticker);
    }

    /** The same profile cache over another directory (the local one outside production). */
    public CachingUserDirectory cached(UserDirectory directory) {
        return new CachingUserDirectory(directory, profileCacheTtl.toJavaDuration(), missingCacheTtl.toJavaDuration(),
                Ticker.systemTicker());
    }

    /** Supabase without a cache: timeouts, retry and circuit breaker as configured. */
    public SupabaseUserDirectory buildSupabaseDirectory(Client client, Clock clock) {
        if (!isConfigured()) {
            return SupabaseUserDirectory.notConfigured("Supabase is not configured (SUPABASE_URL is empty)");
        }
        if (readKey() == null || readKey().isBlank()) {
            return SupabaseUserDirectory.notConfigured("Supabase is not configured (SUPABASE_KEY is empty)");
        }
        SupabaseRest rest = new SupabaseRest(client, url, readKey(), connectTimeout.toJavaDuration(),
                readTimeout.toJavaDuration());
        return new SupabaseUserDirectory(rest, CircuitBreaker.of("supabase", circuitBreakerConfig(clock)),
                Retry.of("supabase", retryConfig()));
    }

    /** The health probe of the project with the given key (the doctor checks each key this way). */
    public SupabaseHealth buildHealth(Client client, String apiKey) {
        return new SupabaseHealth(new SupabaseRest(client, url, apiKey, connectTimeout.toJavaDuration(),
                readTimeout.toJavaDuration()));
    }

    /** A Jersey client with these timeouts, its pool and metrics managed by Dropwizard. */
    public Client buildClient(Environment environment) {
        JerseyClientConfiguration configuration = new JerseyClientConfiguration();
        configuration.setConnectionTimeout(connectTimeout);
        configuration.setTimeout(readTimeout);
        configuration.setRetries(0); // retries are the directory's, on idempotent reads only
        return new JerseyClientBuilder(environment).using(configuration).build("supabase");
    }

    private CircuitBreakerConfig circuitBreakerConfig(Clock clock) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(circuitBreakerWindow)
                .minimumNumberOfCalls(circuitBreakerMinimumCalls)
                .failureRateThreshold(circuitBreakerFailureRate)
                .waitDurationInOpenState(circuitBreakerOpenWait.toJavaDuration())
                .permittedNumberOfCallsInHalfOpenState(circuitBreakerHalfOpenCalls)
                .recordException(e -> e instanceof SupabaseUnavailableException)
                .clock(clock)
                .build();
    }

    private RetryConfig retryConfig() {
        return RetryConfig.custom()
                .maxAttempts(retryAttempts)
                .waitDuration(retryBackoff.toJavaDuration())
                .retryOnException(e -> e instanceof SupabaseUnavailableException)
                .build();
    }

    public String getUrl() { return url; }
    public String getKey() { return key; }
    public String getServiceKey() { return serviceKey; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public Duration getReadTimeout() { return readTimeout; }
    public Duration getHealthProbeInterval() { return healthProbeInterval; }
    public void setHealthProbeInterval(Duration healthProbeInterval) { this.healthProbeInterval = healthProbeInterval; }
    public Duration getProfileCacheTtl() { return profileCacheTtl; }
    public Duration getMissingCacheTtl() { return missingCacheTtl; }
    public void setUrl(String url) { this.url = url; }
    public void setKey(String key) { this.key = key; }
    public void setServiceKey(String serviceKey) { this.serviceKey = serviceKey; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
    public void setProfileCacheTtl(Duration profileCacheTtl) { this.profileCacheTtl = profileCacheTtl; }
    public void setMissingCacheTtl(Duration missingCacheTtl) { this.missingCacheTtl = missingCacheTtl; }
    public void setRetryAttempts(int retryAttempts) { this.retryAttempts = retryAttempts; }
    public void setRetryBackoff(Duration retryBackoff) { this.retryBackoff = retryBackoff; }
    public void setCircuitBreakerWindow(int window) { this.circuitBreakerWindow = window; }
    public void setCircuitBreakerMinimumCalls(int calls) { this.circuitBreakerMinimumCalls = calls; }
    public void setCircuitBreakerFailureRate(int percent) { this.circuitBreakerFailureRate = percent; }
    public void setCircuitBreakerOpenWait(Duration wait) { this.circuitBreakerOpenWait = wait; }
    public void setCircuitBreakerHalfOpenCalls(int calls) { this.circuitBreakerHalfOpenCalls = calls; }
}
