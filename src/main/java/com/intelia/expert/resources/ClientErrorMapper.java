package com.intelia.expert.resources;

import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.Set;
import java.util.TreeSet;

/**
 * 4xx errors in the API's JSON shape {code, message}, as Dropwizard answers them, with headers kept (Allow on 405).
 * Jersey's own refusals carry only "HTTP 405 Method Not Allowed" and the like; those are answered with what to
 * change: 403 what the caller lacks (the @RolesAllowed check's "User not authorized." too), 404 no endpoint at this
 * path, 405 the methods the path takes, 406 ask for JSON, 415 send JSON. Refusals with a message of our own (a
 * service's NotFoundException or ForbiddenException) keep it.
 */
@Priority(1)
public class ClientErrorMapper implements ExceptionMapper<ClientErrorException> {

    static final String ADMIN_ONLY = "this endpoint is for administrators: the signed-in user's profile must have"
            + " user_type admin or super_admin";

    /** What Jersey's RolesAllowedDynamicFeature says when the role is missing. */
    private static final String JERSEY_ROLES_REFUSAL = "User not authorized.";

    @Context
    private Request request;

    @Override
    public Response toResponse(ClientErrorException exception) {
        Response response = exception.getResponse();
        int status = response.getStatus();
        String message = exception.getMessage();
        if (message == null || message.startsWith("HTTP " + status)
                || status == 403 && message.equals(JERSEY_ROLES_REFUSAL)) {
            message = explain(status, response);
        }
        return Response.fromResponse(response).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(status, message)).build();
    }

    private String explain(int status, Response response) {
        return switch (status) {
            case 403 -> ADMIN_ONLY;
            case 404 -> "no endpoint at this path: the API's paths are listed in README.md (API)";
            case 405 -> "this path does not take " + method() + "; it takes " + allowed(response);
            case 406 -> "this endpoint answers application/json: send Accept: application/json, or no Accept";
            case 415 -> "the body must be JSON: send Content-Type: application/json";
            default -> response.getStatusInfo().getReasonPhrase();
        };
    }

    /** The methods a client would call (the Allow header also lists HEAD and OPTIONS, which Jersey adds). */
    private static String allowed(Response response) {
        TreeSet<String> methods = new TreeSet<>(response.getAllowedMethods());
        methods.removeAll(Set.of("HEAD", "OPTIONS"));
        return String.join(", ", methods);
    }

    private String method() {
        try {
            return request.getMethod();
        } catch (RuntimeException outsideARequest) {
            return "this method";
        }
    }
}
