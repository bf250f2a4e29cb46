package com.intelia.expert.resources;

import com.intelia.expert.api.HealthReport;
import com.intelia.expert.health.HealthService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Public health, without auth, on the three paths the frontend and the platform probe. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private final HealthService health;

    public HealthResource(HealthService health) {
        this.health = health;
    }

    @GET
    @Path("health")
    public Response health() {
        HealthReport report = health.report();
        return Response.status(report.isUnhealthy() ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.OK)
                .entity(report).build();
    }

    @GET
    @Path("v1/health")
    public Response v1Health() {
        return health();
    }

    @GET
    @Path("v1/stats-fast/health")
    public Response statsHealth() {
        return health();
    }
}
