package com.intelia.expert.resources;

import com.codahale.metrics.annotation.Timed;
import com.intelia.expert.api.CompleteProfileRequest;
import com.intelia.expert.api.CompleteProfileResponse;
import com.intelia.expert.api.InvitationExchangeRequest;
import com.intelia.expert.api.InvitationSession;
import com.intelia.expert.api.InvitationTokenCheck;
import com.intelia.expert.api.InvitationTokenRequest;
import com.intelia.expert.core.InvitationAcceptance;
import com.intelia.expert.resources.params.InvalidInputException;
import com.intelia.expert.resources.params.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The invitation page of the frontend, opened from the e-mail's link by a person without a session: no
 * Authorization header; each call carries the link's (or the session's) token in its body and is checked with
 * Supabase. 401 for a token that is not valid or has expired, 503 when Supabase cannot be asked now, 422 for a
 * missing field.
 */
@Timed
@Tag(name = "Invitation acceptance", description = "The invitation page, opened from the e-mail's link without a"
        + " session: no Authorization header; each call carries the link's (or the session's) token in its body.")
@ApiResponse(responseCode = "401", description = "the token is not valid, has expired or was already used")
@Path("/v1/auth/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationAcceptanceResource {

    private final InvitationAcceptance acceptance;

    public InvitationAcceptanceResource(InvitationAcceptance acceptance) {
        this.acceptance = acceptance;
    }

    @POST
    @Path("validate-token")
    @Operation(summary = "Check the invitation link's token and tell whom it invites")
    public InvitationTokenCheck validateToken(InvitationTokenRequest request) {
        return acceptance.validate(RequestBodies.required(request).accessToken());
    }

    @POST
    @Path("exchange-token")
    @Operation(summary = "Exchange the link's token for a session")
    public InvitationSession exchangeToken(InvitationExchangeRequest request) {
        return acceptance.exchange(RequestBodies.required(request).token());
    }

    @POST
    @Path("complete-profile")
    @Operation(summary = "Set the password and the profile, and accept the invitation",
            description = "Safe to call twice.")
    public CompleteProfileResponse completeProfile(CompleteProfileRequest request) {
        CompleteProfileRequest body = RequestBodies.required(request);
        // characters as a user counts them (code points): an emoji is one, not two UTF-16 units
        if (body.password().codePointCount(0, body.password().length()) < InvitationAcceptance.MIN_PASSWORD) {
            throw InvalidInputException.field("password", "must be at least " + InvitationAcceptance.MIN_PASSWORD
                    + " characters");
        }
        return acceptance.complete(body);
    }
}
