package com.intelia.expert.resources;

import com.intelia.expert.api.HealthReport;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.core.MediaType;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The answers of every health path, for the API description: the report with 200 when the service works (healthy,
 * or degraded while Supabase is slow or away) and 503 when it cannot (PostgreSQL down), as HealthResource.respond
 * decides.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "200", description = "healthy, or degraded: Supabase is slow or away, the service still"
        + " works", content = @Content(mediaType = MediaType.APPLICATION_JSON,
        schema = @Schema(implementation = HealthReport.class)))
@ApiResponse(responseCode = "503", description = "unhealthy: PostgreSQL cannot be reached",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HealthReport.class)))
@interface HealthAnswers {
}
