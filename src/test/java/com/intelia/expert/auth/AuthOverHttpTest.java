package com.intelia.expert.auth;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.TestDatabase;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.intelia.expert.auth.TestTokens.JWKS_PATH;
import static com.intelia.expert.auth.TestTokens.SECRET;
import static com.intelia.expert.auth.TestTokens.claims;
import static com.intelia.expert.auth.TestTokens.es256;
import static com.intelia.expert.auth.TestTokens.hs256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token matrix through the real application: accepted tokens (HS256 with and without kid, ES256, RS256) reach
 * the resource; each refused one gets a 401 whose WWW-Authenticate and JSON body say why (RFC 6750), logged once
 * with the user id when its signature verified and never the token; anonymous sign-ins reach their own
 * conversations only, are never admins and cannot send invitations. Profiles come from the local directory.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthOverHttpTest {

    private static final ECKey EC = TestTokens.ecKey("ec-http");
    private static final RSAKey RSA = TestTokens.rsaKey("rsa-http");
    private static final WireMockServer SUPABASE = startSupabase();
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());
    private static final String OTHER_SECRET = "another-secret-0123456789-abcdefghijklmnop";

    private final UUID user = UUID.randomUUID();
    private final ListAppender<ILoggingEvent> refusals = new ListAppender<>();

    private static WireMockServer startSupabase() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(get(JWKS_PATH).willReturn(okJson(TestTokens.jwks(EC, RSA))));
        return server;
    }

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", SECRET));
        all.add(ConfigOverride.config("secretKey", SECRET + "-invitations"));
        all.add(ConfigOverride.config("auth.jwksUrl", SUPABASE.baseUrl() + JWKS_PATH));
        all.add(ConfigOverride.config("auth.issuer", TestTokens.ISSUER));
        return all.toArray(new ConfigOverride[0]);
    }

    @AfterAll
    static void stopSupabase() {
        SUPABASE.stop();
    }

    @BeforeEach
    void watchRefusals() {
        refusals.start();
        ((Logger) LoggerFactory.getLogger(BearerTokenFilter.class)).addAppender(refusals);
    }

    @AfterEach
    void stopWatching() {
        ((Logger) LoggerFactory.getLogger(BearerTokenFilter.class)).detachAppender(refusals);
    }

    private static Invocation.Builder request(String path, String token) {
        Invocation.Builder request = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1" + path)
                .request();
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Response listOwnConversations(String token) {
        return request("/conversations/user/" + user, token).get();
    }

    private static int status(Response response) {
        try (response) {
            return response.getStatus();
        }
    }

    /** 401 JSON whose header and body both say the refusal's description; the body's details are its code. */
    private static void assertRefused(Response response, TokenRefusal reason) {
        try (response) {
            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(response.getMediaType().toString()).startsWith(MediaType.APPLICATION_JSON);
            assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"intelia-expert\","
                    + " error=\"invalid_token\", error_description=\"" + reason.description() + "\"");
            JsonNode body = response.readEntity(JsonNode.class);
            assertThat(body.get("code").asInt()).isEqualTo(401);
            assertThat(body.get("message").asText()).isEqualTo(reason.description());
            assertThat(body.get("details").asText()).isEqualTo(reason.code());
        }
    }

    private List<String> refusalLines() {
        return refusals.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static String expired(UUID subject) {
        return hs256(subject, c -> c.issueTime(Date.from(Instant.now().minusSeconds(7200)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600))));
    }

    // accepted tokens

    @Test
    void anHs256TokenReachesTheResource() {
        assertThat(status(listOwnConversations(hs256(user, c -> c)))).isEqualTo(200);
    }

    @Test
    void anHs256TokenWithAKidReachesTheResource() {
        String token = TestTokens.hs256WithKid(SECRET.getBytes(StandardCharsets.UTF_8), "legacy-jwt-secret",
                claims(user).build());

        assertThat(status(listOwnConversations(token))).isEqualTo(200);
    }

    @Test
    void anEs256TokenFromTheJwksReachesTheResource() {
        assertThat(status(listOwnConversations(es256(EC, claims(user).build())))).isEqualTo(200);
    }

    @Test
    void anRs256TokenFromTheJwksReachesTheResource() {
        assertThat(status(listOwnConversations(TestTokens.rs256(RSA, claims(user).build())))).isEqualTo(200);
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/conversations/user/"
                + user).request().header("Authorization", "bearer " + hs256(user, c -> c)).get();

        assertThat(status(response)).isEqualTo(200);
    }

    // refusals, one per reason

    @Test
    void noTokenIs401WithoutAnErrorCode() {
        try (Response response = listOwnConversations(null)) {
            JsonNode body = response.readEntity(JsonNode.class);

            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"intelia-expert\"");
            assertThat(body.get("message").asText())
                    .isEqualTo("no access token: send Authorization: Bearer <Supabase access token>");
            assertThat(body.get("details").asText()).isEqualTo("missing");
        }
    }

    @Test
    void anotherSchemeCountsAsNoToken() {
        Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/conversations/user/"
                + user).request().header("Authorization", "Basic dXNlcjpwYXNz").get();

        try (response) {
            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"intelia-expert\"");
        }
    }

    @Test
    void aTokenInTheQueryStringIsNotRead() {
        Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/conversations/user/"
                + user).queryParam("access_token", hs256(user, c -> c)).request().get();

        assertThat(status(response)).isEqualTo(401);
    }

    @Test
    void aMalformedTokenIsToldMalformed() {
        assertRefused(listOwnConversations("not.a.jwt"), TokenRefusal.MALFORMED);
    }

    @Test
    void anAlgNoneTokenIsToldUnsupportedAlgorithm() {
        assertRefused(listOwnConversations(TestTokens.unsigned(claims(user).build())), TokenRefusal.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void anHs512TokenIsToldUnsupportedAlgorithm() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims(user).build());
        jwt.sign(new MACSigner((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)));

        assertRefused(listOwnConversations(jwt.serialize()), TokenRefusal.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void anExpiredTokenIsToldExpired() {
        assertRefused(listOwnConversations(expired(user)), TokenRefusal.EXPIRED);
    }

    @Test
    void aTokenNotYetValidIsToldSo() {
        assertRefused(listOwnConversations(hs256(user, c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(600))))),
                TokenRefusal.NOT_YET_VALID);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsToldBadSignature() {
        assertRefused(listOwnConversations(hs256(OTHER_SECRET.getBytes(StandardCharsets.UTF_8), claims(user).build())),
                TokenRefusal.BAD_SIGNATURE);
    }

    @Test
    void anHmacTokenSignedWithThePublicKeyIsToldBadSignature() {
        assertRefused(listOwnConversations(hs256(EC.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
                claims(user).build())), TokenRefusal.BAD_SIGNATURE);
    }

    @Test
    void aWrongAudienceIsToldSo() {
        assertRefused(listOwnConversations(hs256(user, c -> c.audience("anon"))), TokenRefusal.WRONG_AUDIENCE);
    }

    @Test
    void theLegacyAnonKeySentAsATokenIsToldWrongAudience() {
        JWTClaimsSet anonKey = new JWTClaimsSet.Builder().issuer("supabase").claim("ref", "abcd").claim("role", "anon")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(86_400))).build();

        assertRefused(listOwnConversations(hs256(SECRET.getBytes(StandardCharsets.UTF_8), anonKey)),
                TokenRefusal.WRONG_AUDIENCE);
    }

    @Test
    void aWrongIssuerIsToldSo() {
        assertRefused(listOwnConversations(hs256(user, c -> c.issuer("https://other.supabase.co/auth/v1"))),
                TokenRefusal.WRONG_ISSUER);
    }

    @Test
    void anUnknownKidIsToldUnknownKey() {
        assertRefused(listOwnConversations(es256(TestTokens.ecKey("ec-unknown"), claims(user).build())),
                TokenRefusal.UNKNOWN_KEY);
    }

    @Test
    void aSubThatIsNotAUserIdIsToldNoUser() {
        assertRefused(listOwnConversations(hs256(user, c -> c.subject("service_role"))), TokenRefusal.NO_USER);
    }

    // the log line

    @Test
    void aRefusalIsLoggedOnceWithTheUserWhenTheSignatureVerifiedAndNeverTheToken() {
        String token = expired(user);

        listOwnConversations(token).close();

        assertThat(refusalLines()).containsExactly("Access token refused: expired (user " + user + ")");
        assertThat(String.join("\n", refusalLines())).doesNotContain(token).doesNotContain(token.split("\\.")[2]);
    }

    @Test
    void aForgedTokenIsLoggedWithoutTheUserItClaims() {
        String token = hs256(OTHER_SECRET.getBytes(StandardCharsets.UTF_8), claims(user).build());

        listOwnConversations(token).close();

        assertThat(refusalLines()).containsExactly("Access token refused: bad_signature (user unknown)");
    }

    @Test
    void anAcceptedTokenLogsNoRefusal() {
        listOwnConversations(hs256(user, c -> c)).close();

        assertThat(refusalLines()).isEmpty();
    }

    // anonymous sign-ins

    private String anonymous(UUID subject) {
        return hs256(subject, c -> c.claim("is_anonymous", true).claim("email", "").claim("amr",
                List.of(Map.of("method", "anonymous", "timestamp", Instant.now().getEpochSecond()))));
    }

    private void localProfile(UUID id, String userType) {
        DATABASE.execute("INSERT INTO local_user_profiles (id, email, first_name, last_name, user_type) VALUES ('"
                + id + "', '" + id.toString().substring(0, 8) + "@ferme.fr', 'A', 'B', '" + userType + "')");
    }

    @Test
    void anAnonymousSessionReachesItsOwnConversations() {
        String token = anonymous(user);
        String save = "{\"conversation_id\":\"" + UUID.randomUUID() + "\",\"user_id\":\"" + user + "\","
                + "\"question\":\"How warm for day-old chicks?\",\"response\":\"32 to 33 C\"}";

        assertThat(status(request("/conversations/save", token).post(Entity.json(save)))).isEqualTo(200);
        assertThat(status(listOwnConversations(token))).isEqualTo(200);
    }

    @Test
    void anAnonymousSessionCannotReadAnotherUsersConversations() {
        assertThat(status(request("/conversations/user/" + UUID.randomUUID(), anonymous(user)).get())).isEqualTo(403);
    }

    @Test
    void anAnonymousSessionIsNeverAdminEvenWithAnAdminProfile() {
        localProfile(user, "super_admin");

        assertThat(status(request("/stats-fast/dashboard", hs256(user, c -> c)).get())).isEqualTo(200);
        try (Response dashboard = request("/stats-fast/dashboard", anonymous(user)).get();
             Response questions = request("/stats-fast/questions?limit=5", anonymous(user)).get()) {
            assertThat(dashboard.getStatus()).isEqualTo(403);
            assertThat(questions.getStatus()).isEqualTo(200);
            assertThat(questions.readEntity(JsonNode.class).at("/meta/user_role").asText()).isEqualTo("user");
        }
    }

    @Test
    void anAnonymousSessionCannotSendInvitations() {
        Response response = request("/invitations", anonymous(user))
                .post(Entity.json("{\"invited_email\":\"neighbour@ferme.fr\",\"invited_name\":\"N\"}"));

        try (response) {
            assertThat(response.getStatus()).isEqualTo(403);
            assertThat(response.readEntity(JsonNode.class).get("message").asText())
                    .isEqualTo("anonymous sessions cannot send invitations: sign in with an account");
        }
        assertThat((Long) DATABASE.value("SELECT count(*) FROM invitations WHERE inviter_user_id = '" + user + "'"))
                .isZero();
    }

    @Test
    void anAnonymousSessionCannotAcceptInvitations() {
        Response response = request("/invitations/accept", anonymous(user)).post(Entity.json("{\"token\":\"abc\"}"));

        try (response) {
            assertThat(response.getStatus()).isEqualTo(403);
            assertThat(response.readEntity(JsonNode.class).get("message").asText())
                    .startsWith("anonymous sessions cannot accept invitations");
        }
    }

    @Test
    void anAccountCanStillSendInvitations() {
        Response response = request("/invitations", hs256(user, c -> c))
                .post(Entity.json("{\"invited_email\":\"neighbour@ferme.fr\",\"invited_name\":\"N\"}"));

        assertThat(status(response)).isEqualTo(201);
    }
}
