package com.intelia.expert.auth;

import io.dropwizard.auth.Authenticator;

import java.util.Optional;

/** dropwizard-auth's view of the verifier; remembers the e-mail claim of each accepted token. */
public class TokenAuthenticator implements Authenticator<String, ExpertPrincipal> {

    private final AccessTokenVerifier verifier;
    private final EmailClaimRecorder emails;

    public TokenAuthenticator(AccessTokenVerifier verifier, EmailClaimRecorder emails) {
        this.verifier = verifier;
        this.emails = emails;
    }

    @Override
    public Optional<ExpertPrincipal> authenticate(String token) {
        Optional<ExpertPrincipal> principal = verifier.verify(token);
        principal.ifPresent(p -> emails.seen(p.userId(), p.email()));
        return principal;
    }
}
