package com.intelia.expert.auth;

import java.util.UUID;

/** The verifier's answer for one token: accepted with its user, or refused with the reason. */
public sealed interface TokenCheck {

    /** A valid token. The principal's role is USER until the user directory is asked: a token never makes an admin. */
    record Accepted(ExpertPrincipal principal) implements TokenCheck {
    }

    /**
     * A refused token.
     *
     * @param reason why, as the caller is told
     * @param userId the token's sub when its signature verified and sub is a user id (for the log); null otherwise
     */
    record Refused(TokenRefusal reason, UUID userId) implements TokenCheck {
    }
}
