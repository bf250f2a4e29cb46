package com.intelia.expert.auth;

import io.dropwizard.auth.Authenticator;

import java.util.Optional;

/**
 * dropwizard-auth's view of the verifier: a valid token becomes a principal whose admin role comes from the user
 * directory through {@link AdminRoles} (known, last known within the grace, or unknown: never a guess). Anonymous
 * sign-ins are never admins and their role is not looked up. Remembers each token's e-mail claim.
 */
public class TokenAuthenticator implements Authenticator<String, ExpertPrincipal> {

    private final AccessTokenVerifier verifier;
    private final AdminRoles roles;
    private final EmailClaimRecorder emails;

    public TokenAuthenticator(AccessTokenVerifier verifier, AdminRoles roles, EmailClaimRecorder emails) {
        this.verifier = verifier;
        this.roles = roles;
        this.emails = emails;
    }

    /**
     * The principal of a valid token; never empty.
     *
     * @throws TokenRefusedException with the reason when the token is refused (401, or 503 when keys cannot load)
     */
    @Override
    public Optional<ExpertPrincipal> authenticate(String token) {
        TokenCheck check = verifier.check(token);
        if (check instanceof TokenCheck.Refused refused) {
            throw new TokenRefusedException(refused.reason(), refused.userId());
        }
        ExpertPrincipal principal = ((TokenCheck.Accepted) check).principal();
        emails.seen(principal.userId(), principal.email());
        return Optional.of(principal.anonymous() ? principal : principal.withRole(roles.of(principal.userId())));
    }
}
