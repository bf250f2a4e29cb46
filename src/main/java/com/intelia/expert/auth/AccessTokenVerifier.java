package com.intelia.expert.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import com.intelia.expert.core.Uuids;

/**
 * Verifies Supabase access tokens signed HS256 with the project's JWT secret: signature, exp and nbf
 * with a small leeway, aud = authenticated, and a UUID sub. Anything else, alg none included, is refused.
 */
public class AccessTokenVerifier {


    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public AccessTokenVerifier(String jwtSecret, int leewaySeconds) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                new ImmutableSecret<>(jwtSecret.getBytes(StandardCharsets.UTF_8))));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                "authenticated", null, Set.of("sub", "exp"));
        claims.setMaxClockSkew(leewaySeconds);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The principal of a valid token; empty for any token that fails a check. */
    public Optional<ExpertPrincipal> verify(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            String subject = claims.getSubject();
            if (!Uuids.isCanonical(subject)) {
                return Optional.empty();
            }
            return Optional.of(new ExpertPrincipal(UUID.fromString(subject), claims.getStringClaim("email"), false));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
