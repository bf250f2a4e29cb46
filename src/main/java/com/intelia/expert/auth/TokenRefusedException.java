package com.intelia.expert.auth;

import java.util.UUID;

/**
 * Thrown by {@link TokenAuthenticator} for a refused token, because dropwizard-auth's Authenticator answers an
 * Optional with no room for the reason; {@link BearerTokenFilter} turns it into the 401 (or 503) that says why.
 * Carries no part of the token.
 */
public final class TokenRefusedException extends RuntimeException {

    private final TokenRefusal reason;
    private final transient UUID userId;

    public TokenRefusedException(TokenRefusal reason, UUID userId) {
        super(reason.code(), null, false, false);
        this.reason = reason;
        this.userId = userId;
    }

    public TokenRefusal reason() {
        return reason;
    }

    /** The token's sub when its signature verified; null otherwise. */
    public UUID userId() {
        return userId;
    }
}
