package com.intelia.expert.auth;

import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The answers to a refused or missing token, in the API's JSON error shape, never holding the token:
 * <ul>
 *   <li>missing: 401, {@code WWW-Authenticate: Bearer realm="intelia-expert"} (RFC 6750: no error code when the
 *       request has no credentials);</li>
 *   <li>refused: 401, {@code WWW-Authenticate: Bearer realm="intelia-expert", error="invalid_token",
 *       error_description="<why>"};</li>
 *   <li>signing keys unavailable: 503 with Retry-After in seconds.</li>
 * </ul>
 * The body is {@code {"code": 401, "message": <the description>, "details": <the reason code, e.g. expired>}}.
 */
public class JsonUnauthorizedHandler implements UnauthorizedHandler {

    /** Seconds a client should wait when the signing keys could not be loaded: the JWKS refetch interval. */
    static final long KEYS_RETRY_AFTER_SECONDS = SigningKeys.REFETCH_INTERVAL.toSeconds();

    /** A request without a bearer token. */
    @Override
    public Response buildResponse(String prefix, String realm) {
        return buildResponse(prefix, realm, TokenRefusal.MISSING);
    }

    /** A request whose token was refused for this reason. */
    public Response buildResponse(String prefix, String realm, TokenRefusal reason) {
        ErrorMessage body = new ErrorMessage(reason.status(), reason.description(), reason.code());
        if (reason.status() == 503) {
            return Response.status(503).header(HttpHeaders.RETRY_AFTER, KEYS_RETRY_AFTER_SECONDS)
                    .type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
        String challenge = prefix + " realm=\"" + realm + "\"";
        if (reason != TokenRefusal.MISSING) {
            challenge += ", error=\"invalid_token\", error_description=\"" + reason.description() + "\"";
        }
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
