package com.intelia.expert.resources.openapi;

import com.codahale.metrics.annotation.Timed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * GET /openapi.json, without a token: the OpenAPI 3 description of every endpoint of this service, for frontend
 * developers and their tools (Swagger UI, Redoc, code generators pointed at this URL).
 */
@Timed
@Path("/openapi.json")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API description", description = "This document")
public class ApiDescriptionResource {

    private final ApiDescription description;

    public ApiDescriptionResource(ApiDescription description) {
        this.description = description;
    }

    /** The document as JSON: the first call reads it (see ApiDescription#json), later ones answer from memory. */
    @GET
    @Operation(summary = "The OpenAPI 3 description of this API (this document)")
    @ApiResponse(responseCode = "200", description = "OpenAPI 3.0 JSON",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    public String document() {
        return description.json();
    }
}
