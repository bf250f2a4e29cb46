package com.intelia.expert.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.intelia.expert.core.AdminRole;
import com.intelia.expert.core.Uuids;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies Supabase access tokens and says why one is refused (see {@link TokenRefusal}): the signature first
 * (HS256 with the project's JWT secret, or ES256/RS256 with its published keys when those are configured, one
 * algorithm family per key), then, on a token whose signature verified only, exp and nbf with a small leeway,
 * aud = authenticated, the issuer when configured, and a canonical UUID sub. Anything else, alg none, the legacy
 * anon and service keys and tokens signed with them included, is refused. A forged token is therefore only ever
 * told "bad signature" or "unknown key". Never logs the token.
 *
 * <p>An accepted token is remembered (by its exact text) for at most {@link #REMEMBERED} and never past its exp plus
 * the leeway, so that the requests a user sends with one token (a Supabase session renews it every hour) parse and
 * verify it once instead of on every request: the parse and signature check were about a tenth of the service's
 * CPU per save. What it costs: a signing key withdrawn from the JWKS is refused up to {@link #REMEMBERED} later
 * than without it (the JWKS itself is cached for minutes, SigningKeys). Refused tokens are never remembered.
 */
public class AccessTokenVerifier {

    static final String AUDIENCE = "authenticated";
    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.ES256, JWSAlgorithm.RS256);
    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenVerifier.class);
    /** How long an accepted token is remembered at most. */
    static final Duration REMEMBERED = Duration.ofSeconds(60);
    /** How many accepted tokens are remembered at most (about 1 KB each: 10 MB). */
    static final long REMEMBERED_TOKENS = 10_000;

    /** An accepted token's principal, and the last instant it is valid: exp plus the leeway. */
    private record Accepted(ExpertPrincipal principal, Instant validUntil) {
    }

    private final AlgorithmFamilyKeySelector keys;
    private final JWSVerifierFactory signatures = new DefaultJWSVerifierFactory();
    private final Optional<String> issuer;
    private final Duration leeway;
    private final Clock clock;
    private final Cache<String, Accepted> accepted;

    /** HS256 only, no issuer check. */
    public AccessTokenVerifier(String jwtSecret, int leewaySeconds) {
        this(jwtSecret, Optional.empty(), Optional.empty(), Duration.ofSeconds(leewaySeconds));
    }

    public AccessTokenVerifier(String jwtSecret, Optional<JWKSource<SecurityContext>> publicKeys,
                               Optional<String> issuer, Duration leeway) {
        this(jwtSecret, publicKeys, issuer, leeway, Clock.systemUTC());
    }

    /** {@code leeway}: clock skew allowed on exp and nbf; {@code clock}: what "now" is. */
    public AccessTokenVerifier(String jwtSecret, Optional<JWKSource<SecurityContext>> publicKeys,
                               Optional<String> issuer, Duration leeway, Clock clock) {
        this.keys = new AlgorithmFamilyKeySelector(jwtSecret.getBytes(StandardCharsets.UTF_8), publicKeys);
        this.issuer = issuer;
        this.leeway = leeway;
        this.clock = clock;
        // the JVM's monotonic time, so that a step of the wall clock cannot keep a token longer; a test's own time
        this.accepted = Caffeine.newBuilder().maximumSize(REMEMBERED_TOKENS).expireAfterWrite(REMEMBERED)
                .ticker(clock instanceof Ticker ticker ? ticker : Ticker.systemTicker()).build();
    }

    /** The principal of a valid token (role USER until the directory is asked); empty for any refused token. */
    public Optional<ExpertPrincipal> verify(String token) {
        return check(token) instanceof TokenCheck.Accepted accepted ? Optional.of(accepted.principal()) : Optional.empty();
    }

    /**
     * Accepted with the token's user, or refused with the first check it fails, in this order: missing, malformed,
     * unsupported algorithm, unknown key (or keys unavailable), bad signature, then on a verified token: no exp,
     * expired, not yet valid, wrong audience, wrong issuer, no user. A token accepted in the last
     * {@link #REMEMBERED} is accepted again without being parsed, as long as it has not expired.
     */
    public TokenCheck check(String token) {
        if (token == null || token.isBlank()) {
            return refused(TokenRefusal.MISSING, null);
        }
        Accepted known = accepted.getIfPresent(token);
        if (known != null && !clock.instant().isAfter(known.validUntil())) {
            return new TokenCheck.Accepted(known.principal());
        }
        return verifyAndRemember(token);
    }

    private TokenCheck verifyAndRemember(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            JWT parsed = JWTParser.parse(token.strip());
            if (!(parsed instanceof SignedJWT signed)) {
                return refused(TokenRefusal.UNSUPPORTED_ALGORITHM, null); // alg none, or an encrypted token
            }
            jwt = signed;
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return refused(TokenRefusal.MALFORMED, null);
        }
        JWSHeader header = jwt.getHeader();
        if (!ACCEPTED.contains(header.getAlgorithm())) {
            return refused(TokenRefusal.UNSUPPORTED_ALGORITHM, null);
        }
        try {
            DefaultJOSEObjectTypeVerifier.JWT.verify(header.getType(), null);
        } catch (BadJOSEException e) {
            return refused(TokenRefusal.MALFORMED, null);
        }
        List<? extends Key> candidates;
        try {
            candidates = keys.selectJWSKeys(header, null);
        } catch (RateLimitReachedException e) {
            return refused(TokenRefusal.UNKNOWN_KEY, null); // an unknown kid again before a refetch is allowed
        } catch (KeySourceException e) {
            LOG.warn("Could not load the Supabase signing keys; asymmetric tokens get 503 until they load: {}",
                    e.getMessage());
            return refused(TokenRefusal.KEYS_UNAVAILABLE, null);
        }
        if (candidates.isEmpty()) {
            return refused(TokenRefusal.UNKNOWN_KEY, null);
        }
        if (!signedWithOneOf(jwt, candidates)) {
            return refused(TokenRefusal.BAD_SIGNATURE, null);
        }
        TokenCheck check = checkClaims(claims);
        if (check instanceof TokenCheck.Accepted valid) {
            accepted.put(token, new Accepted(valid.principal(), claims.getExpirationTime().toInstant().plus(leeway)));
        }
        return check;
    }

    private TokenCheck checkClaims(JWTClaimsSet claims) {
        UUID user = userId(claims.getSubject());
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            return refused(TokenRefusal.NO_USER, user);
        }
        if (now.isAfter(expiry.toInstant().plus(leeway))) {
            return refused(TokenRefusal.EXPIRED, user);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(leeway))) {
            return refused(TokenRefusal.NOT_YET_VALID, user);
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(AUDIENCE)) {
            return refused(TokenRefusal.WRONG_AUDIENCE, user);
        }
        if (issuer.isPresent() && !issuer.get().equals(claims.getIssuer())) {
            return refused(TokenRefusal.WRONG_ISSUER, user);
        }
        if (user == null) {
            return refused(TokenRefusal.NO_USER, null);
        }
        Object email = claims.getClaim("email");
        return new TokenCheck.Accepted(new ExpertPrincipal(user, email instanceof String text ? text : null,
                AdminRole.USER, anonymous(claims)));
    }

    private boolean signedWithOneOf(SignedJWT jwt, List<? extends Key> candidates) {
        for (Key key : candidates) {
            try {
                if (jwt.verify(signatures.createJWSVerifier(jwt.getHeader(), key))) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key of the wrong type or size for this token: not a match
            }
        }
        return false;
    }

    /** Supabase sets is_anonymous (a JSON boolean) on the tokens of anonymous sign-ins. */
    private static boolean anonymous(JWTClaimsSet claims) {
        Object value = claims.getClaim("is_anonymous");
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private static UUID userId(String subject) {
        return subject != null && Uuids.isCanonical(subject) && subject.equals(subject.trim())
                ? UUID.fromString(subject) : null;
    }

    private static TokenCheck.Refused refused(TokenRefusal reason, UUID user) {
        return new TokenCheck.Refused(reason, user);
    }
}
