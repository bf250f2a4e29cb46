package com.intelia.expert.auth;

import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.Authorizer;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.UUID;

/**
 * dropwizard-auth's filter for {@code Authorization: Bearer <Supabase access token>}, which, unlike
 * OAuthCredentialAuthFilter, says why a token is refused: the {@link TokenAuthenticator} throws the reason and
 * this filter answers it through {@link JsonUnauthorizedHandler} (401 with RFC 6750's error_description, or 503
 * when the signing keys cannot be loaded). Each refusal is logged once at INFO with its reason and the user id
 * when the token's signature verified, never the token. The token is read from the header only, never from an
 * access_token query parameter, which would put it in request logs.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter extends AuthFilter<String, ExpertPrincipal> {

    public static final String REALM = "intelia-expert";
    static final String SCHEME = "Bearer";

    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);

    private final JsonUnauthorizedHandler responses = new JsonUnauthorizedHandler();

    public BearerTokenFilter(TokenAuthenticator authenticator, Authorizer<ExpertPrincipal> authorizer) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.prefix = SCHEME;
        this.realm = REALM;
        this.unauthorizedHandler = responses;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String token = bearerToken(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            throw refuse(TokenRefusal.MISSING, null);
        }
        try {
            if (!authenticate(request, token, SCHEME)) {
                throw refuse(TokenRefusal.MALFORMED, null); // the authenticator never answers empty; kept safe anyway
            }
        } catch (TokenRefusedException e) {
            throw refuse(e.reason(), e.userId());
        }
    }

    /** What follows "Bearer " (any case), or null when there is no such header or it is empty. */
    static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        if (space <= 0 || !trimmed.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        String token = trimmed.substring(space + 1).strip();
        return token.isEmpty() ? null : token;
    }

    private WebApplicationException refuse(TokenRefusal reason, UUID userId) {
        LOG.info("Access token refused: {} (user {})", reason.code(), userId == null ? "unknown" : userId);
        return new WebApplicationException(responses.buildResponse(prefix, realm, reason));
    }
}
