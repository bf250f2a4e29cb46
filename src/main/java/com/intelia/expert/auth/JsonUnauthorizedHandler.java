package com.intelia.expert.auth;

import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A refused or missing token answers 401 in the API's JSON error shape, never the token itself. */
public class JsonUnauthorizedHandler implements UnauthorizedHandler {

    @Override
    public Response buildResponse(String prefix, String realm) {
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(401, "a valid access token is required: send Authorization: Bearer <Supabase access token>"))
                .build();
    }
}
