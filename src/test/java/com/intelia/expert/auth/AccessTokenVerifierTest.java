package com.intelia.expert.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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

    @Test
    void aValidHs256TokenGivesTheUserAndEmail() {
        Optional<ExpertPrincipal> principal = verifier.verify(hs256(user, c -> c));

        assertThat(principal).isPresent();
        assertThat(principal.get().userId()).isEqualTo(user);
        assertThat(principal.get().email()).isEqualTo("grower@example.com");
        assertThat(principal.get().admin()).isFalse();
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

        assertThat(verifier.verify(token)).isEmpty();
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
        assertThat(verifier.verify(null)).isEmpty();
        assertThat(verifier.verify("")).isEmpty();
    }

    @Test
    void aMalformedTokenIsRefused() {
        assertThat(verifier.verify("not.a.jwt")).isEmpty();
        assertThat(verifier.verify("abc")).isEmpty();
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        assertThat(verifier.verify(TestTokens.unsigned(claims(user).build()))).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String other = "another-secret-0123456789-abcdefghijklmnop";

        assertThat(verifier.verify(hs256(other.getBytes(StandardCharsets.UTF_8), claims(user).build()))).isEmpty();
    }

    @Test
    void aTokenSignedWithTheAnonKeyAsHmacSecretIsRefused() {
        byte[] anonKey = legacyKey("anon").getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verify(hs256(anonKey, claims(user).build()))).isEmpty();
    }

    @Test
    void aTokenSignedWithTheServiceKeyAsHmacSecretIsRefused() {
        byte[] serviceKey = legacyKey("service_role").getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verify(hs256(serviceKey, claims(user).build()))).isEmpty();
    }

    @Test
    void theLegacyAnonKeyItselfIsRefusedAsAnAccessToken() {
        assertThat(new AccessTokenVerifier(SECRET, 60).verify(legacyKey("anon"))).isEmpty();
    }

    @Test
    void theLegacyServiceKeyItselfIsRefusedAsAnAccessToken() {
        assertThat(new AccessTokenVerifier(SECRET, 60).verify(legacyKey("service_role"))).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertThat(verifier.verify(hs256(user, c -> c.issueTime(secondsFromNow(-7200)).expirationTime(secondsFromNow(-120)))))
                .isEmpty();
    }

    @Test
    void aTokenExpiredWithinTheLeewayIsStillAccepted() {
        assertThat(verifier.verify(hs256(user, c -> c.issueTime(secondsFromNow(-3600)).expirationTime(secondsFromNow(-20)))))
                .isPresent();
    }

    @Test
    void aTokenNotYetValidBeyondTheLeewayIsRefused() {
        assertThat(verifier.verify(hs256(user, c -> c.notBeforeTime(secondsFromNow(600))))).isEmpty();
    }

    @Test
    void aTokenIssuedSlightlyInTheFutureIsAccepted() {
        assertThat(verifier.verify(hs256(user, c -> c.issueTime(secondsFromNow(20)).notBeforeTime(secondsFromNow(20)))))
                .isPresent();
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        assertThat(verifier.verify(hs256(user, c -> c.expirationTime(null)))).isEmpty();
    }

    @Test
    void aWrongAudienceIsRefused() {
        assertThat(verifier.verify(hs256(user, c -> c.audience("anon")))).isEmpty();
        assertThat(verifier.verify(hs256(user, c -> c.audience(List.of("anon", "service_role"))))).isEmpty();
    }

    @Test
    void aMissingAudienceIsRefused() {
        assertThat(verifier.verify(hs256(user, c -> c.audience((String) null)))).isEmpty();
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = hs256(user, c -> c).split("\\.");
        String otherPayload = Base64URL.encode(claims(UUID.randomUUID()).build().toString()).toString();

        assertThat(verifier.verify(parts[0] + "." + otherPayload + "." + parts[2])).isEmpty();
    }

    @Test
    void aSubThatIsNotACanonicalUuidIsRefused() {
        assertThat(verifier.verify(hs256(user, c -> c.subject("not-a-uuid")))).isEmpty();
        assertThat(verifier.verify(hs256(user, c -> c.subject("1-1-1-1-1")))).isEmpty();
        assertThat(verifier.verify(hs256(user, c -> c.subject(" " + user)))).isEmpty();
    }

    @Test
    void aMissingSubIsRefused() {
        assertThat(verifier.verify(hs256(user, c -> c.subject(null)))).isEmpty();
    }

    @Test
    void aWrongIssuerIsRefusedWhenOneIsConfigured() {
        assertThat(verifier.verify(hs256(user, c -> c.issuer("https://other.supabase.co/auth/v1")))).isEmpty();
        assertThat(verifier.verify(hs256(user, c -> c.issuer(null)))).isEmpty();
    }

    @Test
    void anHs512TokenWithTheRightSecretIsRefused() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims(user).build());
        jwt.sign(new MACSigner((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)));

        assertThat(new AccessTokenVerifier(SECRET + SECRET, 60).verify(jwt.serialize())).isEmpty();
    }
}
