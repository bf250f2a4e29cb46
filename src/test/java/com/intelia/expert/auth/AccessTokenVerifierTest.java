package com.intelia.expert.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.intelia.expert.support.ManualTime;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.intelia.expert.auth.TestTokens.SECRET;
import static com.intelia.expert.auth.TestTokens.claims;
import static com.intelia.expert.auth.TestTokens.hs256;
import static org.assertj.core.api.Assertions.assertThat;

/** HS256 access tokens and the claim checks, on the verifier alone (no JWKS). */
class AccessTokenVerifierTest {

    private final UUID user = UUID.randomUUID();
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(SECRET, Optional.empty(),
            Optional.of(TestTokens.ISSUER), Duration.ofSeconds(60));

    /** A legacy anon or service key: itself a JWT signed with the JWT secret, iss supabase, no sub, no aud. */
    private static String legacyKey(String role) {
        Instant now = Instant.now();
        return hs256(SECRET.getBytes(StandardCharsets.UTF_8), new JWTClaimsSet.Builder().issuer("supabase")
                .claim("ref", "abcd").claim("role", role).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofDays(3650)))).build());
    }

    private static Date secondsFromNow(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }

    /** The reason the verifier gives for refusing the token; null when it accepts it. */
    private TokenRefusal reason(AccessTokenVerifier verifier, String token) {
        return verifier.check(token) instanceof TokenCheck.Refused refused ? refused.reason() : null;
    }

    private TokenRefusal reason(String token) {
        return reason(verifier, token);
    }

    @Test
    void aValidHs256TokenGivesTheUserAndEmail() {
        Optional<ExpertPrincipal> principal = verifier.verify(hs256(user, c -> c));

        assertThat(principal).isPresent();
        assertThat(principal.get().userId()).isEqualTo(user);
        assertThat(principal.get().email()).isEqualTo("grower@example.com");
        assertThat(principal.get().admin()).isFalse();
        assertThat(principal.get().anonymous()).isFalse();
    }

    @Test
    void anHs256TokenWithAKidIsAccepted() {
        // Supabase puts a kid on HS256 tokens once the legacy secret is imported as a signing key
        String token = TestTokens.hs256WithKid(SECRET.getBytes(StandardCharsets.UTF_8), "legacy-jwt-secret",
                claims(user).build());

        assertThat(verifier.verify(token)).map(ExpertPrincipal::userId).contains(user);
    }

    @Test
    void anHs256TokenWithAKidSignedWithAnotherSecretIsRefused() {
        String token = TestTokens.hs256WithKid("another-secret-0123456789-abcdefghijklmnop".getBytes(StandardCharsets.UTF_8),
                "legacy-jwt-secret", claims(user).build());

        assertThat(reason(token)).isEqualTo(TokenRefusal.BAD_SIGNATURE);
    }

    @Test
    void anAudienceArrayContainingAuthenticatedIsAccepted() {
        assertThat(verifier.verify(hs256(user, c -> c.audience(List.of("other", "authenticated"))))).isPresent();
    }

    @Test
    void anIssuerIsNotRequiredWhenNoneIsConfigured() {
        AccessTokenVerifier withoutIssuer = new AccessTokenVerifier(SECRET, 60);

        assertThat(withoutIssuer.verify(hs256(user, c -> c.issuer("https://elsewhere.example/auth/v1")))).isPresent();
    }

    @Test
    void noTokenIsRefused() {
        assertThat(reason(null)).isEqualTo(TokenRefusal.MISSING);
        assertThat(reason("")).isEqualTo(TokenRefusal.MISSING);
    }

    @Test
    void aMalformedTokenIsRefused() {
        assertThat(reason("not.a.jwt")).isEqualTo(TokenRefusal.MALFORMED);
        assertThat(reason("abc")).isEqualTo(TokenRefusal.MALFORMED);
        assertThat(reason("eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln")).isEqualTo(TokenRefusal.MALFORMED);
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        assertThat(reason(TestTokens.unsigned(claims(user).build()))).isEqualTo(TokenRefusal.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String other = "another-secret-0123456789-abcdefghijklmnop";

        assertThat(reason(hs256(other.getBytes(StandardCharsets.UTF_8), claims(user).build())))
                .isEqualTo(TokenRefusal.BAD_SIGNATURE);
    }

    @Test
    void aTokenSignedWithTheAnonKeyAsHmacSecretIsRefused() {
        byte[] anonKey = legacyKey("anon").getBytes(StandardCharsets.UTF_8);

        assertThat(reason(hs256(anonKey, claims(user).build()))).isEqualTo(TokenRefusal.BAD_SIGNATURE);
    }

    @Test
    void aTokenSignedWithTheServiceKeyAsHmacSecretIsRefused() {
        byte[] serviceKey = legacyKey("service_role").getBytes(StandardCharsets.UTF_8);

        assertThat(reason(hs256(serviceKey, claims(user).build()))).isEqualTo(TokenRefusal.BAD_SIGNATURE);
    }

    @Test
    void theLegacyAnonKeyItselfIsRefusedAsAnAccessToken() {
        assertThat(reason(new AccessTokenVerifier(SECRET, 60), legacyKey("anon"))).isEqualTo(TokenRefusal.WRONG_AUDIENCE);
    }

    @Test
    void theLegacyServiceKeyItselfIsRefusedAsAnAccessToken() {
        assertThat(reason(new AccessTokenVerifier(SECRET, 60), legacyKey("service_role")))
                .isEqualTo(TokenRefusal.WRONG_AUDIENCE);
    }

    /** A verifier on time the test moves, leeway 60 s, no issuer check. */
    private static AccessTokenVerifier rememberingAt(ManualTime time) {
        return new AccessTokenVerifier(SECRET, Optional.empty(), Optional.empty(), Duration.ofSeconds(60), time);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        ManualTime time = new ManualTime();
        AccessTokenVerifier remembering = rememberingAt(time);
        Instant now = time.instant();
        // expired 50 s ago: accepted within the 60 s leeway, for 10 s more, well within the 60 s it is remembered
        String token = hs256(user, c -> c.issueTime(Date.from(now.minusSeconds(3650)))
                .expirationTime(Date.from(now.minusSeconds(50))));

        assertThat(reason(remembering, token)).isNull();
        time.advance(Duration.ofSeconds(9));
        assertThat(reason(remembering, token)).isNull();
        time.advance(Duration.ofSeconds(2));
        assertThat(remembering.check(token)).isEqualTo(new TokenCheck.Refused(TokenRefusal.EXPIRED, user));
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        ManualTime time = new ManualTime();
        AccessTokenVerifier remembering = rememberingAt(time);
        Instant now = time.instant();
        // valid from 70 s on, with the 60 s leeway from 10 s on: sooner than a remembered answer would be forgotten
        String early = hs256(user, c -> c.issueTime(Date.from(now)).notBeforeTime(Date.from(now.plusSeconds(70)))
                .expirationTime(Date.from(now.plusSeconds(3600))));

        assertThat(reason(remembering, early)).isEqualTo(TokenRefusal.NOT_YET_VALID);
        time.advance(Duration.ofSeconds(11));
        assertThat(reason(remembering, early)).isNull();
    }

    @Test
    void aRememberedTokenGivesTheSamePrincipal() {
        String token = hs256(user, c -> c.claim("is_anonymous", true));

        ExpertPrincipal first = verifier.verify(token).orElseThrow();
        ExpertPrincipal again = verifier.verify(token).orElseThrow();

        assertThat(again).isEqualTo(first);
        assertThat(again.anonymous()).isTrue();
        assertThat(again.email()).isEqualTo("grower@example.com");
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertThat(reason(hs256(user, c -> c.issueTime(secondsFromNow(-7200)).expirationTime(secondsFromNow(-120)))))
                .isEqualTo(TokenRefusal.EXPIRED);
    }

    @Test
    void aTokenExpiredWithinTheLeewayIsStillAccepted() {
        assertThat(verifier.verify(hs256(user, c -> c.issueTime(secondsFromNow(-3600)).expirationTime(secondsFromNow(-20)))))
                .isPresent();
    }

    @Test
    void aTokenNotYetValidBeyondTheLeewayIsRefused() {
        assertThat(reason(hs256(user, c -> c.notBeforeTime(secondsFromNow(600))))).isEqualTo(TokenRefusal.NOT_YET_VALID);
    }

    @Test
    void aTokenIssuedSlightlyInTheFutureIsAccepted() {
        assertThat(verifier.verify(hs256(user, c -> c.issueTime(secondsFromNow(20)).notBeforeTime(secondsFromNow(20)))))
                .isPresent();
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        assertThat(reason(hs256(user, c -> c.expirationTime(null)))).isEqualTo(TokenRefusal.NO_USER);
    }

    @Test
    void aWrongAudienceIsRefused() {
        assertThat(reason(hs256(user, c -> c.audience("anon")))).isEqualTo(TokenRefusal.WRONG_AUDIENCE);
        assertThat(reason(hs256(user, c -> c.audience(List.of("anon", "service_role"))))).isEqualTo(TokenRefusal.WRONG_AUDIENCE);
    }

    @Test
    void aMissingAudienceIsRefused() {
        assertThat(reason(hs256(user, c -> c.audience((String) null)))).isEqualTo(TokenRefusal.WRONG_AUDIENCE);
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = hs256(user, c -> c).split("\\.");
        String otherPayload = Base64URL.encode(claims(UUID.randomUUID()).build().toString()).toString();

        assertThat(reason(parts[0] + "." + otherPayload + "." + parts[2])).isEqualTo(TokenRefusal.BAD_SIGNATURE);
    }

    @Test
    void aSubThatIsNotACanonicalUuidIsRefused() {
        assertThat(reason(hs256(user, c -> c.subject("not-a-uuid")))).isEqualTo(TokenRefusal.NO_USER);
        assertThat(reason(hs256(user, c -> c.subject("1-1-1-1-1")))).isEqualTo(TokenRefusal.NO_USER);
        assertThat(reason(hs256(user, c -> c.subject(" " + user)))).isEqualTo(TokenRefusal.NO_USER);
    }

    @Test
    void aMissingSubIsRefused() {
        assertThat(reason(hs256(user, c -> c.subject(null)))).isEqualTo(TokenRefusal.NO_USER);
    }

    @Test
    void aWrongIssuerIsRefusedWhenOneIsConfigured() {
        assertThat(reason(hs256(user, c -> c.issuer("https://other.supabase.co/auth/v1")))).isEqualTo(TokenRefusal.WRONG_ISSUER);
        assertThat(reason(hs256(user, c -> c.issuer(null)))).isEqualTo(TokenRefusal.WRONG_ISSUER);
    }

    @Test
    void anHs512TokenWithTheRightSecretIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims(user).build());
        jwt.sign(new MACSigner((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)));

        assertThat(reason(new AccessTokenVerifier(SECRET + SECRET, 60), jwt.serialize()))
                .isEqualTo(TokenRefusal.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void anAnonymousSignInIsAcceptedAndMarkedAnonymous() {
        Optional<ExpertPrincipal> anonymous = verifier.verify(hs256(user, c -> c.claim("is_anonymous", true).claim("email", "")));
        Optional<ExpertPrincipal> account = verifier.verify(hs256(user, c -> c.claim("is_anonymous", false)));

        assertThat(anonymous).map(ExpertPrincipal::anonymous).contains(true);
        assertThat(anonymous.get().admin()).isFalse();
        assertThat(account).map(ExpertPrincipal::anonymous).contains(false);
    }

    @Test
    void anAnonymousPrincipalIsNeverAdminWhateverRoleItIsGiven() {
        ExpertPrincipal anonymous = verifier.verify(hs256(user, c -> c.claim("is_anonymous", true))).orElseThrow();

        assertThat(anonymous.withRole(com.intelia.expert.core.AdminRole.ADMIN).admin()).isFalse();
        assertThat(anonymous.withRole(com.intelia.expert.core.AdminRole.unknown("down")).admin()).isFalse();
        assertThat(anonymous.caller().anonymous()).isTrue();
    }

    @Test
    void theUserIsNamedOnlyWhenTheSignatureVerified() {
        String expired = hs256(user, c -> c.issueTime(secondsFromNow(-7200)).expirationTime(secondsFromNow(-120)));
        String forged = hs256("another-secret-0123456789-abcdefghijklmnop".getBytes(StandardCharsets.UTF_8),
                claims(user).build());

        assertThat(verifier.check(expired)).isEqualTo(new TokenCheck.Refused(TokenRefusal.EXPIRED, user));
        assertThat(verifier.check(forged)).isEqualTo(new TokenCheck.Refused(TokenRefusal.BAD_SIGNATURE, null));
    }

    @Test
    void anExpiredTokenWithABadSignatureIsToldBadSignature() {
        String token = hs256("another-secret-0123456789-abcdefghijklmnop".getBytes(StandardCharsets.UTF_8),
                claims(user).issueTime(secondsFromNow(-7200)).expirationTime(secondsFromNow(-120)).build());

        assertThat(reason(token)).isEqualTo(TokenRefusal.BAD_SIGNATURE);
    }

    @Test
    void anEs256TokenIsAnUnknownKeyWhenNoPublicKeysAreConfigured() {
        assertThat(reason(TestTokens.es256(TestTokens.ecKey("ec-x"), claims(user).build()))).isEqualTo(TokenRefusal.UNKNOWN_KEY);
    }

    @Test
    void everyDescriptionFitsRfc6750ErrorDescription() {
        for (TokenRefusal refusal : TokenRefusal.values()) {
            assertThat(refusal.description()).as(refusal.name())
                    .matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+");
        }
    }
}
