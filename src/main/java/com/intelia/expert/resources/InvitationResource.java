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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Invitations", description = "Invitations sent by the signed-in user, their acceptance by the invited"
        + " person once signed in, and the administrators' figures")
@Path("/v1/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationResource {

    private static final String ANONYMOUS = "an anonymous session cannot send invitations";

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
    @Operation(summary = "Invite 1 to 10 addresses (the invite dialog)",
            description = "Each address is answered sent, resent, skipped or failed: 200 even when all fail.")
    @ApiResponse(responseCode = "403", description = ANONYMOUS)
    @ApiResponse(responseCode = "429", description = "the addresses would take the inviter past the daily limit"
            + " (invitations.dailyLimitPerInviter in any 24 hours)")
    public InvitationSendResponse send(@Auth ExpertPrincipal principal, InvitationSendRequest request) {
        return sender.send(RequestBodies.required(request), principal.caller());
    }

    @POST
    @Operation(summary = "Invite one address (the earlier single-address form)")
    @ApiResponse(responseCode = "201", description = "invited: the new invitation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InvitationResponse.class)))
    @ApiResponse(responseCode = "200", description = "already invited: the pending invitation (already_invited true)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InvitationResponse.class)))
    @ApiResponse(responseCode = "403", description = ANONYMOUS)
    @ApiResponse(responseCode = "409", description = "another request is changing this invitation; try again")
    public Response invite(@Auth ExpertPrincipal principal, InvitationRequest request) {
        InvitationResponse invitation = invitations.invite(RequestBodies.required(request), principal.caller());
        return Response.status(Boolean.TRUE.equals(invitation.alreadyInvited()) ? 200 : 201).entity(invitation).build();
    }

    @POST
    @Path("accept")
    @Operation(summary = "Accept an invitation by its link's token, as the signed-in invited person")
    @ApiResponse(responseCode = "403", description = "an anonymous session cannot accept invitations")
    @ApiResponse(responseCode = "404", description = "the invitation token is not valid")
    @ApiResponse(responseCode = "409", description = "the invitation was already accepted")
    @ApiResponse(responseCode = "410", description = "the invitation has expired or was cancelled")
    public InvitationResponse accept(@Auth ExpertPrincipal principal, AcceptInvitationRequest request) {
        return invitations.accept(RequestBodies.required(request).token(), principal.caller());
    }

    @GET
    @Path("stats/global-enhanced")
    @Operation(summary = "Invitation figures of every inviter")
    @RolesAllowed(AdminAuthorizer.ADMIN)
    public InvitationStats.Global globalStats(@Auth ExpertPrincipal principal) {
        return stats.global();
    }
}
