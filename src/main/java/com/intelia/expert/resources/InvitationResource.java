package com.intelia.expert.resources;

import com.codahale.metrics.annotation.Timed;
import com.intelia.expert.api.AcceptInvitationRequest;
import com.intelia.expert.api.InvitationRequest;
import com.intelia.expert.api.InvitationResponse;
import com.intelia.expert.auth.ExpertPrincipal;
import com.intelia.expert.core.InvitationService;
import com.intelia.expert.core.InvitationSender;
import com.intelia.expert.api.InvitationSendRequest;
import com.intelia.expert.api.InvitationSendResponse;
import com.intelia.expert.api.InvitationStats;
import com.intelia.expert.auth.AdminAuthorizer;
import com.intelia.expert.resources.params.RequestBodies;
import com.intelia.expert.stats.InvitationStatsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Invitations sent by the signed-in user (the frontend's invite dialog, and the earlier single-address form with
 * its own token), their acceptance by a signed-in invited person, and the admins' figures.
 */
@Timed
@Path("/v1/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationResource {

    private final InvitationService invitations;
    private final InvitationSender sender;
    private final InvitationStatsService stats;

    public InvitationResource(InvitationService invitations, InvitationSender sender, InvitationStatsService stats) {
        this.invitations = invitations;
        this.sender = sender;
        this.stats = stats;
    }

    /**
     * The invite dialog: 1 to 10 addresses, each answered sent, resent, skipped or failed (200 even when all fail).
     * 403 for an anonymous session, 422 for 0 or more than 10 addresses, 429 past the inviter's daily limit.
     */
    @POST
    @Path("send")
    public InvitationSendResponse send(@Auth ExpertPrincipal principal, InvitationSendRequest request) {
        return sender.send(RequestBodies.required(request), principal.caller());
    }

    @POST
    public Response invite(@Auth ExpertPrincipal principal, InvitationRequest request) {
        InvitationResponse invitation = invitations.invite(RequestBodies.required(request), principal.caller());
        return Response.status(Boolean.TRUE.equals(invitation.alreadyInvited()) ? 200 : 201).entity(invitation).build();
    }

    @POST
    @Path("accept")
    public InvitationResponse accept(@Auth ExpertPrincipal principal, AcceptInvitationRequest request) {
        return invitations.accept(RequestBodies.required(request).token(), principal.caller());
    }

    @GET
    @Path("stats/global-enhanced")
    @RolesAllowed(AdminAuthorizer.ADMIN)
    public InvitationStats.Global globalStats(@Auth ExpertPrincipal principal) {
        return stats.global();
    }
}
