package com.intelia.expert.auth;

import com.intelia.expert.core.Uuids;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies Supabase access tokens: the signature (HS256 with the project's JWT secret, or ES256/RS256 with
 * its published keys when those are configured, one algorithm family per key), exp and nbf with a small
 * leeway, aud = authenticated, the issuer when configured, and a canonical UUID sub. Anything else, alg none,
 * the legacy anon and service keys and tokens signed with them included, is refused.
 */
public class AccessTokenVerifier {

    static final String AUDIENCE = "authenticated";

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenVerifier.class);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** HS256 only, no issuer check. */
    public AccessTokenVerifier(String jwtSecret, int leewaySeconds) {
        this(jwtSecret, Optional.empty(), Optional.empty(), Duration.ofSeconds(leewaySeconds));
    }

    public AccessTokenVerifier(String jwtSecret, Optional<JWKSource<SecurityContext>> publicKeys,
                               Optional<String> issuer, Duration leeway) {
        processor.setJWSKeySelector(new AlgorithmFamilyKeySelector(
                jwtSecret.getBytes(StandardCharsets.UTF_8), publicKeys));
        JWTClaimsSet exact = issuer.map(iss -> new JWTClaimsSet.Builder().issuer(iss).build())
                .orElseGet(() -> new JWTClaimsSet.Builder().build());
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(AUDIENCE), exact, Set.of("sub", "exp"), null);
        claims.setMaxClockSkew(Math.toIntExact(leeway.toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The principal of a valid token; empty for any token that fails a check. Never logs the token. */
    public Optional<ExpertPrincipal> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            String subject = claims.getSubject();
            if (!Uuids.isCanonical(subject) || !subject.equals(subject.trim())) {
                return Optional.empty();
            }
            return Optional.of(new ExpertPrincipal(UUID.fromString(subject), claims.getStringClaim("email"), false));
        } catch (RateLimitReachedException e) {
            return Optional.empty();
        } catch (KeySourceException e) {
            LOG.warn("Could not load the Supabase signing keys; asymmetric tokens are refused until they load: {}",
                    e.getMessage());
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
