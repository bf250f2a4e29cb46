package com.intelia.expert.auth;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.intelia.expert.auth.TestTokens.JWKS_PATH;
import static com.intelia.expert.auth.TestTokens.SECRET;
import static com.intelia.expert.auth.TestTokens.claims;
import static com.intelia.expert.auth.TestTokens.es256;
import static com.intelia.expert.auth.TestTokens.hs256;
import static com.intelia.expert.auth.TestTokens.jwks;
import static com.intelia.expert.auth.TestTokens.rs256;
import static org.assertj.core.api.Assertions.assertThat;

/** ES256 and RS256 tokens verified with keys from a JWKS served by WireMock: rotation, unknown kids, key confusion. */
class PublicKeyVerificationTest {

    @RegisterExtension
    static final WireMockExtension SUPABASE = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ECKey EC = TestTokens.ecKey("ec-1");
    private static final RSAKey RSA = TestTokens.rsaKey("rsa-1");

    private final UUID user = UUID.randomUUID();

    /** A new verifier per test: its key cache starts empty, so JWKS request counts are exact. */
    private AccessTokenVerifier verifier() {
        try {
            return new AccessTokenVerifier(SECRET,
                    Optional.of(SigningKeys.remote(URI.create(SUPABASE.baseUrl() + JWKS_PATH).toURL(), Duration.ofMinutes(5))),
                    Optional.of(TestTokens.ISSUER), Duration.ofSeconds(60));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void serve(String jwks) {
        SUPABASE.stubFor(get(JWKS_PATH).willReturn(okJson(jwks)));
    }

    private static int jwksRequests() {
        return SUPABASE.countRequestsMatching(getRequestedFor(urlEqualTo(JWKS_PATH)).build()).getCount();
    }

    @Test
    void anEs256TokenSignedWithAPublishedKeyIsAccepted() {
        serve(jwks(EC, RSA));

        assertThat(verifier().verify(es256(EC, claims(user).build()))).map(ExpertPrincipal::userId).contains(user);
    }

    @Test
    void anRs256TokenSignedWithAPublishedKeyIsAccepted() {
        serve(jwks(EC, RSA));

        assertThat(verifier().verify(rs256(RSA, claims(user).build()))).map(ExpertPrincipal::userId).contains(user);
    }

    @Test
    void hs256TokensStillWorkAndNeverFetchTheKeys() {
        serve(jwks(EC));

        assertThat(verifier().verify(hs256(user, c -> c))).isPresent();
        assertThat(jwksRequests()).isZero();
    }

    @Test
    void theKeysAreFetchedOnceAndThenCached() {
        serve(jwks(EC, RSA));
        AccessTokenVerifier verifier = verifier();

        for (int i = 0; i < 5; i++) {
            assertThat(verifier.verify(es256(EC, claims(user).build()))).isPresent();
            assertThat(verifier.verify(rs256(RSA, claims(user).build()))).isPresent();
        }
        assertThat(jwksRequests()).isEqualTo(1);
    }

    @Test
    void anHmacTokenWhoseSecretIsThePublicKeyIsRefused() throws Exception {
        serve(jwks(EC, RSA));
        AccessTokenVerifier verifier = verifier();

        assertThat(verifier.verify(hs256(RSA.toPublicKey().getEncoded(), claims(user).build()))).isEmpty();
        assertThat(verifier.verify(hs256(RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
                claims(user).build()))).isEmpty();
        assertThat(verifier.verify(hs256(EC.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
                claims(user).build()))).isEmpty();
    }

    @Test
    void anEs256TokenIsRefusedWhenNoKeysAreConfigured() {
        AccessTokenVerifier hmacOnly = new AccessTokenVerifier(SECRET, 60);

        assertThat(hmacOnly.verify(es256(EC, claims(user).build()))).isEmpty();
        assertThat(hmacOnly.verify(rs256(RSA, claims(user).build()))).isEmpty();
    }

    @Test
    void aTokenSignedByAnotherKeyUnderAPublishedKidIsRefused() {
        serve(jwks(EC));

        assertThat(verifier().check(es256(TestTokens.ecKey("ec-1"), claims(user).build())))
                .isEqualTo(new TokenCheck.Refused(TokenRefusal.BAD_SIGNATURE, null));
    }

    @Test
    void anUnknownKidIsRefusedAfterOneRefetchAndFurtherOnesAreRateLimited() {
        serve(jwks(EC));
        AccessTokenVerifier verifier = verifier();
        ECKey unknown = TestTokens.ecKey("ec-unknown");

        assertThat(verifier.check(es256(unknown, claims(user).build())))
                .isEqualTo(new TokenCheck.Refused(TokenRefusal.UNKNOWN_KEY, null));
        assertThat(jwksRequests()).isEqualTo(2);
        for (int i = 0; i < 10; i++) {
            assertThat(verifier.check(es256(TestTokens.ecKey("forged-" + i), claims(user).build())))
                    .isEqualTo(new TokenCheck.Refused(TokenRefusal.UNKNOWN_KEY, null));
        }
        assertThat(jwksRequests()).isEqualTo(2);
        assertThat(verifier.verify(es256(EC, claims(user).build()))).isPresent();
    }

    @Test
    void aRotatedKeyIsAcceptedAfterOneRefetch() {
        serve(jwks(EC));
        AccessTokenVerifier verifier = verifier();
        assertThat(verifier.verify(es256(EC, claims(user).build()))).isPresent();
        assertThat(jwksRequests()).isEqualTo(1);

        ECKey rotated = TestTokens.ecKey("ec-2");
        serve(jwks(rotated, EC));

        assertThat(verifier.verify(es256(rotated, claims(user).build()))).isPresent();
        assertThat(jwksRequests()).isEqualTo(2);
        assertThat(verifier.verify(es256(rotated, claims(UUID.randomUUID()).build()))).isPresent();
        assertThat(verifier.verify(es256(EC, claims(user).build()))).isPresent();
        assertThat(jwksRequests()).isEqualTo(2);
    }

    @Test
    void anUnreachableJwksRefusesAsymmetricTokensButNotHs256Ones() {
        SUPABASE.stubFor(get(JWKS_PATH).willReturn(serverError()));
        AccessTokenVerifier verifier = verifier();

        assertThat(verifier.check(es256(EC, claims(user).build())))
                .isEqualTo(new TokenCheck.Refused(TokenRefusal.KEYS_UNAVAILABLE, null));
        assertThat(verifier.verify(hs256(user, c -> c))).isPresent();
    }

    @Test
    void anEmptyJwksAsOnLegacyProjectsRefusesAsymmetricTokens() {
        serve("{\"keys\":[]}");

        assertThat(verifier().check(es256(EC, claims(user).build())))
                .isEqualTo(new TokenCheck.Refused(TokenRefusal.UNKNOWN_KEY, null));
    }

    @Test
    void claimChecksApplyToAsymmetricTokensToo() {
        serve(jwks(EC));
        AccessTokenVerifier verifier = verifier();

        assertThat(verifier.check(es256(EC, claims(user).audience("anon").build())))
                .isEqualTo(new TokenCheck.Refused(TokenRefusal.WRONG_AUDIENCE, user));
        assertThat(verifier.check(es256(EC, claims(user).issuer("https://other.supabase.co/auth/v1").build())))
                .isEqualTo(new TokenCheck.Refused(TokenRefusal.WRONG_ISSUER, user));
        assertThat(verifier.check(es256(EC, claims(user).subject("service_role").build())))
                .isEqualTo(new TokenCheck.Refused(TokenRefusal.NO_USER, null));
    }
}
