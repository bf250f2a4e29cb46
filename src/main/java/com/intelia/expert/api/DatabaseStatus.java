package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The health of one database as the frontend reads it: status, measured latency, and what is wrong. A status from
 * a background probe (Supabase, the read node) also says when it was measured and how old it is. The read node's
 * also says its replication lag in seconds ({@code lag_seconds}, postgres/ReplicaProbe says how it is measured) and where
 * the statistics and questions reads go now ({@code reads}: {@code replica} or {@code primary}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatabaseStatus(
        @JsonProperty("status") String status,
        @JsonProperty("latency_ms") Double latencyMs,
        @JsonProperty("error") String error,
        @JsonProperty("checked_at") String checkedAt,
        @JsonProperty("age_ms") Long ageMs,
        @JsonProperty("lag_seconds") Double lagSeconds,
        @JsonProperty("reads") String reads) {

    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    public static final String NOT_CONFIGURED = "not_configured";
    /** Not probed yet (the first background probe has not finished): neither healthy nor a failure. */
    public static final String UNKNOWN = "unknown";

    /** Where the reads go, in {@code reads}. */
    public static final String READS_ON_REPLICA = "replica";
    public static final String READS_ON_PRIMARY = "primary";

    public DatabaseStatus(String status, Double latencyMs, String error) {
        this(status, latencyMs, error, null, null, null, null);
    }

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

    /** This status as measured at checkedAt (ISO-8601), ageMs milliseconds ago. */
    public DatabaseStatus measured(String checkedAt, long ageMs) {
        return new DatabaseStatus(status, latencyMs, error, checkedAt, ageMs, lagSeconds, reads);
    }

    /** This status of a read node with its replication lag (null: unknown) and where reads go now. */
    public DatabaseStatus ofReadNode(Double lagSeconds, String reads) {
        return new DatabaseStatus(status, latencyMs, error, checkedAt, ageMs, lagSeconds, reads);
    }

    @JsonIgnore
    public boolean isUnhealthy() {
        return UNHEALTHY.equals(status);
    }
}
