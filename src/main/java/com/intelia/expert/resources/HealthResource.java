package com.intelia.expert.resources;

import com.codahale.metrics.annotation.Timed;
import com.intelia.expert.api.HealthReport;
import com.intelia.expert.health.HealthService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Public health, without auth, on the paths the platform probes (StatsResource serves /v1/stats-fast/health). */
@Timed
@Tag(name = "Health", description = "Whether the service works: PostgreSQL and Supabase, without a token")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private final HealthService health;

    public HealthResource(HealthService health) {
        this.health = health;
    }

    @GET
    @Path("health")
    @Operation(operationId = "health", summary = "Health, as the platform probes it")
    @HealthAnswers
    public Response health() {
        return respond(health.report());
    }

    /** 503 when the service cannot work (PostgreSQL down), 200 otherwise, degraded included. */
    static Response respond(HealthReport report) {
        return Response.status(report.isUnhealthy() ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.OK)
                .entity(report).build();
    }

    @GET
    @Path("v1/health")
    @Operation(operationId = "v1Health", summary = "Health, under the API's version prefix")
    @HealthAnswers
    public Response v1Health() {
        return health();
    }
}
