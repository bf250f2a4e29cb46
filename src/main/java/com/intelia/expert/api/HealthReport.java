package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** GET /health: overall status (and whether the instance is still starting), each database, the running version. */
public record HealthReport(
        @JsonProperty("status") @Schema(allowableValues = {HEALTHY, DEGRADED, UNHEALTHY}) String status,
        @JsonProperty("starting") @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "true while a new instance warms up (status unhealthy, 503); absent once it is ready")
        Boolean starting,
        @JsonProperty("databases") Map<String, DatabaseStatus> databases,
        @JsonProperty("version") String version,
        @JsonProperty("timestamp") String timestamp) {

    public static final String HEALTHY = "healthy";
    public static final String DEGRADED = "degraded";
    public static final String UNHEALTHY = "unhealthy";

    @JsonIgnore
    public boolean isUnhealthy() {
        return UNHEALTHY.equals(status);
    }
}
