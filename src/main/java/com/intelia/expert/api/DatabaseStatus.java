package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The health of one database as the frontend reads it: status, measured latency, and what is wrong. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatabaseStatus(
        @JsonProperty("status") String status,
        @JsonProperty("latency_ms") Double latencyMs,
        @JsonProperty("error") String error) {

    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    public static final String NOT_CONFIGURED = "not_configured";

    public static DatabaseStatus healthy(double latencyMs) {
        return new DatabaseStatus(HEALTHY, latencyMs, null);
    }

    public static DatabaseStatus unhealthy(double latencyMs, String error) {
        return new DatabaseStatus(UNHEALTHY, latencyMs, error);
    }

    /** Nothing was measured, so no latency is reported. */
    public static DatabaseStatus notConfigured(String reason) {
        return new DatabaseStatus(NOT_CONFIGURED, null, reason);
    }

    @JsonIgnore
    public boolean isUnhealthy() {
        return UNHEALTHY.equals(status);
    }
}
