package com.intelia.expert.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The write API over HTTP on the real application: HS256 access tokens, JSON errors, ownership. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WriteApiTest {

    private static final String SECRET = "test-jwt-secret-0123456789-abcdefghijklmnop";
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", SECRET));
        all.add(ConfigOverride.config("secretKey", SECRET + "-invitations"));
        all.add(ConfigOverride.config("limits.maxTextCharacters", "2000"));
        return all.toArray(new ConfigOverride[0]);
    }

    private final UUID user = UUID.randomUUID();

    private static String token(UUID subject, String secret, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject.toString()).audience("authenticated")
                .claim("role", "authenticated").claim("email", "grower@example.com")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), change.apply(claims).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private String token() throws Exception {
        return token(user, SECRET, c -> c);
    }

    private Response post(String path, String token, String json) {
        var request = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1" + path).request();
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.post(Entity.entity(json, MediaType.APPLICATION_JSON));
    }

    private String save(UUID conversation, UUID owner, String question) {
        return "{\"conversation_id\":\"" + conversation + "\",\"user_id\":\"" + owner + "\",\"question\":\"" + question
                + "\",\"response\":\"About 2.2 kg.\",\"unknown_field\":1,\"metadata\":{\"response_source\":\"rag\","
                + "\"processing_time_ms\":850,\"language\":\"en\"}}";
    }

    private static void assertJsonError(Response response, int status, String messagePart) {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType().toString()).startsWith(MediaType.APPLICATION_JSON);
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(body.get("code").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).contains(messagePart);
    }

    @Test
    void aSignedInUserSavesThenUpdatesTheirConversation() throws Exception {
        UUID conversation = UUID.randomUUID();

        Response first = post("/conversations/save", token(), save(conversation, user, "Weight at day 35?"));
        Response second = post("/conversations/save", token(), save(conversation, user, "And at day 42?"));

        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(first.readEntity(JsonNode.class).get("status").asText()).isEqualTo("created");
        assertThat(second.readEntity(JsonNode.class).get("status").asText()).isEqualTo("updated");
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE id = '" + conversation + "'")).isEqualTo(1L);
    }

    @Test
    void savingForAnotherUserIs403Json() throws Exception {
        assertJsonError(post("/conversations/save", token(), save(UUID.randomUUID(), UUID.randomUUID(), "Q")), 403,
                "your own conversations");
    }

    @Test
    void anAdminMaySaveForAnotherUser() throws Exception {
        UUID admin = UUID.randomUUID();
        Services.localDirectory(DATABASE.dataSource())
                .save(new Profile(admin, "admin@intelia.com", "Ada", "Admin", "admin", null));
        UUID conversation = UUID.randomUUID();

        Response response = post("/conversations/save", token(admin, SECRET, c -> c), save(conversation, user, "Q"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(DATABASE.value("SELECT user_id::text FROM conversations WHERE id = '" + conversation + "'"))
                .isEqualTo(user.toString());
    }

    @Test
    void missingOrRefusedTokensAre401Json() throws Exception {
        String body = save(UUID.randomUUID(), user, "Q");
        Instant past = Instant.now().minusSeconds(7200);
        List<String> refused = List.of(
                "not.a.jwt",
                token(user, "another-secret-0123456789-abcdefghijklmnop", c -> c),
                token(user, SECRET, c -> c.expirationTime(Date.from(past)).issueTime(Date.from(past.minusSeconds(60)))),
                token(user, SECRET, c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))),
                token(user, SECRET, c -> c.audience("anon")),
                new PlainJWT(new PlainHeader(), new JWTClaimsSet.Builder().subject(user.toString())
                        .audience("authenticated").expirationTime(Date.from(Instant.now().plusSeconds(600))).build()).serialize());
        assertJsonError(post("/conversations/save", null, body), 401, "access token");
        for (String token : refused) {
            Response response = post("/conversations/save", token, body);
            assertThat(response.getHeaderString("WWW-Authenticate")).startsWith("Bearer");
            assertJsonError(response, 401, "access token");
        }
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE user_id = '" + user + "'")).isEqualTo(0L);
    }

    @Test
    void badInputIsA4xxNamingTheField() throws Exception {
        assertJsonError(post("/conversations/save", token(), "{\"conversation_id\": "), 400, "not valid JSON");
        assertJsonError(post("/conversations/save", token(), "{\"conversation_id\":\"nope\"}"), 400,
                "conversation_id must be a UUID");
        assertJsonError(post("/conversations/save", token(), "{\"conversation_id\":\"" + UUID.randomUUID()
                + "\",\"user_id\":\"" + user + "\"}"), 422, "question is required");
        assertJsonError(post("/conversations/save", token(), save(UUID.randomUUID(), user, "x".repeat(2001))), 413,
                "limit of 2000 characters");
        assertJsonError(post("/conversations/" + UUID.randomUUID() + "/feedback", token(), "{\"rating\":3}"), 422,
                "rating must be 1");
        assertJsonError(post("/conversations/not-a-uuid/feedback", token(), "{\"rating\":1}"), 400,
                "conversation_id must be a UUID");
    }

    @Test
    void anInvitationIsCreatedAndAcceptedOnceOverHttp() throws Exception {
        Response created = post("/invitations", token(), "{\"invited_email\":\"friend@example.com\"}");
        assertThat(created.getStatus()).isEqualTo(201);
        String invitationToken = created.readEntity(JsonNode.class).get("token").asText();

        Response accepted = post("/invitations/accept", token(UUID.randomUUID(), SECRET, c -> c),
                "{\"token\":\"" + invitationToken + "\"}");
        assertThat(accepted.getStatus()).isEqualTo(200);
        assertJsonError(post("/invitations/accept", token(), "{\"token\":\"" + invitationToken + "\"}"), 409,
                "already accepted");
    }
}
