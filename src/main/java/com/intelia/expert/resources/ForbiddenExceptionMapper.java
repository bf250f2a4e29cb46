package com.intelia.expert.resources;

import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * 403 in the API's JSON error shape. Jersey's @RolesAllowed check throws a ForbiddenException with a generic message;
 * that one is answered with what the caller lacks. Services' own refusals keep their message.
 */
@Priority(1)
public class ForbiddenExceptionMapper implements ExceptionMapper<ForbiddenException> {

    static final String ADMIN_ONLY = "this endpoint is for administrators: the signed-in user's profile must have"
            + " user_type admin or super_admin";

    /** What Jersey's RolesAllowedDynamicFeature says when the role is missing. */
    private static final String JERSEY_ROLES_REFUSAL = "User not authorized.";

    @Override
    public Response toResponse(ForbiddenException exception) {
        String message = exception.getMessage();
        if (message == null || message.startsWith("HTTP 403") || message.equals(JERSEY_ROLES_REFUSAL)) {
            message = ADMIN_ONLY;
        }
        return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorMessage(403, message)).build();
    }
}
