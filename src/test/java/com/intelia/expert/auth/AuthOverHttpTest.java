package com.intelia.expert.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.TestDatabase;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

/** Access tokens through the real application: accepted ones reach the resource, refused ones get a 401 JSON body. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthOverHttpTest {

    private static final ECKey EC = TestTokens.ecKey("ec-http");
    private static final RSAKey RSA = TestTokens.rsaKey("rsa-http");
    private static final WireMockServer SUPABASE = startSupabase();
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    private final UUID user = UUID.randomUUID();

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

    private Response listOwnConversations(String token) {
        var request = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1/conversations/user/" + user)
                .request();
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.get();
    }

    private static void assert401Json(Response response) {
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getMediaType().toString()).startsWith(MediaType.APPLICATION_JSON);
        assertThat(response.getHeaderString("WWW-Authenticate")).startsWith("Bearer");
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(body.get("code").asInt()).isEqualTo(401);
        assertThat(body.get("message").asText()).contains("access token is required");
    }

    @Test
    void anHs256TokenReachesTheResource() {
        Response response = listOwnConversations(hs256(user, c -> c));

        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void anEs256TokenFromTheJwksReachesTheResource() {
        Response response = listOwnConversations(es256(EC, claims(user).build()));

        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void anRs256TokenFromTheJwksReachesTheResource() {
        Response response = listOwnConversations(TestTokens.rs256(RSA, claims(user).build()));

        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void noTokenIs401Json() {
        assert401Json(listOwnConversations(null));
    }

    @Test
    void aMalformedTokenIs401Json() {
        assert401Json(listOwnConversations("not.a.jwt"));
    }

    @Test
    void anAlgNoneTokenIs401Json() {
        assert401Json(listOwnConversations(TestTokens.unsigned(claims(user).build())));
    }

    @Test
    void anHmacTokenSignedWithThePublicKeyIs401Json() {
        assert401Json(listOwnConversations(hs256(EC.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
                claims(user).build())));
    }

    @Test
    void aWrongIssuerIs401Json() {
        assert401Json(listOwnConversations(hs256(user, c -> c.issuer("https://other.supabase.co/auth/v1"))));
    }

    @Test
    void anUnknownKidIs401Json() {
        assert401Json(listOwnConversations(es256(TestTokens.ecKey("ec-unknown"), claims(user).build())));
    }
}
