package com.intelia.expert.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Access tokens this service signs itself, shaped as Supabase Auth's (../shared/contract/supabase.md, "Access
 * tokens": sub, aud and role "authenticated", email, iat, exp, iss), HS256 with the project's JWT secret, so that
 * {@link AccessTokenVerifier} accepts them as it accepts Supabase's: for the {@code token} command (development
 * only) and the warm-up's requests to the instance itself.
 */
public final class DevelopmentTokens {

    private DevelopmentTokens() {
    }

    /**
     * A token for {@code user}, valid {@code validity} from {@code now}. email: the e-mail claim, or null for none
     * (the warm-up's, so that no e-mail claim is recorded for its made-up user); issuer: the iss claim the verifier
     * requires, if any (AuthFactory.tokenIssuer).
     *
     * @throws JOSEException when the secret is too short for HS256 (under 32 bytes)
     */
    public static String mint(String jwtSecret, Optional<String> issuer, UUID user, String email, Duration validity,
                              Instant now) throws JOSEException {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user.toString())
                .audience("authenticated")
                .claim("role", "authenticated")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)));
        if (email != null) {
            claims.claim("email", email);
        }
        issuer.ifPresent(claims::issuer);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(jwtSecret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
