package com.intelia.expert.resources;

import com.codahale.metrics.annotation.Timed;
import com.intelia.expert.health.HealthService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * GET /v1/conversations/health, without auth: the chat page's API check calls it, as the original backend served it
 * under its conversations router. The same answer as /health (200 healthy or degraded, 503 when PostgreSQL is down).
 * A class of its own: its longer literal path makes Jersey pick it before ConversationResource's {conversation_id}.
 */
@Timed
@Tag(name = "Health")
@Path("/v1/conversations/health")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationsHealthResource {

    private final HealthService health;

    public ConversationsHealthResource(HealthService health) {
        this.health = health;
    }

    @GET
    @Operation(operationId = "conversationsHealth", summary = "Health, where the chat page checks the API")
    @HealthAnswers
    public Response health() {
        return HealthResource.respond(health.report());
    }
}
