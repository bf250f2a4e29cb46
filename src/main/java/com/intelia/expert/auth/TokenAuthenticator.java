package com.intelia.expert.auth;

import com.intelia.expert.directory.ProfileLookup;
import com.intelia.expert.directory.UserDirectory;
import io.dropwizard.auth.Authenticator;

import java.util.Optional;

/**
 * dropwizard-auth's view of the verifier: a valid token becomes a principal whose admin role comes from the
 * user directory (profile user_type admin or super_admin). When the directory cannot be asked the caller is
 * treated as a plain user: admin rights are never granted on a guess. Remembers each token's e-mail claim.
 */
public class TokenAuthenticator implements Authenticator<String, ExpertPrincipal> {

    private final AccessTokenVerifier verifier;
    private final UserDirectory directory;
    private final EmailClaimRecorder emails;

    public TokenAuthenticator(AccessTokenVerifier verifier, UserDirectory directory, EmailClaimRecorder emails) {
        this.verifier = verifier;
        this.directory = directory;
        this.emails = emails;
    }

    @Override
    public Optional<ExpertPrincipal> authenticate(String token) {
        Optional<ExpertPrincipal> verified = verifier.verify(token);
        if (verified.isEmpty()) {
            return verified;
        }
        ExpertPrincipal principal = verified.get();
        emails.seen(principal.userId(), principal.email());
        ProfileLookup profile = directory.lookup(principal.userId());
        boolean admin = profile != null && profile.foundProfile().map(p -> p.isAdmin()).orElse(false);
        return Optional.of(new ExpertPrincipal(principal.userId(), principal.email(), admin));
    }
}
