package com.intelia.expert.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.PlantedText;
import com.intelia.expert.support.TestDatabase;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users' words go through every path that logs (saves, feedback, invitations, searches, create-supabase-user, and
 * inserts PostgreSQL refuses) with planted text; support/SuiteLogCheck then fails the build if any of it reached the
 * log of the test run. Here only what the user sees is asserted.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserContentStaysOutOfLogsTest {

    private static final String SECRET = "log-test-jwt-secret-0123456789-abcdefghij";
    /** PostgreSQL refuses rows holding this (a constraint added below), as it would refuse a value it cannot store. */
    private static final String REFUSED = "refused-by-postgresql";
    private static final TestDatabase DATABASE = refusingDatabase();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    private final UUID user = UUID.randomUUID();

    private static TestDatabase refusingDatabase() {
        TestDatabase database = TestDatabase.migrated();
        database.execute("ALTER TABLE conversations ADD CONSTRAINT planted_refusal"
                + " CHECK (strpos(question, '" + REFUSED + "') = 0) NOT VALID");
        database.execute("ALTER TABLE local_user_profiles ADD CONSTRAINT planted_refusal"
                + " CHECK (strpos(coalesce(first_name, ''), '" + REFUSED + "') = 0) NOT VALID");
        return database;
    }

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", SECRET));
        all.add(ConfigOverride.config("secretKey", SECRET + "-invitations"));
        return all.toArray(new ConfigOverride[0]);
    }

    private String token() throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(user.toString()).audience("authenticated").claim("role", "authenticated")
                .claim("email", PlantedText.email("token-email")).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))).build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private Invocation.Builder api(String path) throws Exception {
        return APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1" + path).request()
                .header("Authorization", "Bearer " + token());
    }

    private static Response task(String name, String query) {
        return APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/" + name + "?" + query)
                .request().post(Entity.text(""));
    }

    private String save(UUID conversation, String question) {
        return "{\"conversation_id\":\"" + conversation + "\",\"user_id\":\"" + user + "\",\"question\":\"" + question
                + "\",\"response\":\"" + PlantedText.of("response") + "\",\"title\":\"" + PlantedText.of("title")
                + "\",\"metadata\":{\"response_source\":\"rag\",\"sources\":[{\"title\":\"" + PlantedText.of("source")
                + "\"}]}}";
    }

    private static JsonNode json(Response response, int status) {
        try (response) {
            assertThat(response.getStatus()).isEqualTo(status);
            return response.readEntity(JsonNode.class);
        }
    }

    @Test
    void savesFeedbackInvitationsAndSearchesOfUsersWords() throws Exception {
        UUID conversation = UUID.randomUUID();
        json(api("/conversations/save").post(Entity.json(save(conversation, PlantedText.of("question")))), 200);
        json(api("/conversations/" + conversation + "/feedback").post(Entity.json(
                "{\"rating\":-1,\"comment\":\"" + PlantedText.of("comment") + "\"}")), 200);
        json(api("/invitations").post(Entity.json("{\"invited_email\":\"" + PlantedText.email("invited")
                + "\",\"invited_name\":\"" + PlantedText.of("invited-name") + "\"}")), 201);
        json(api("/invitations/send").post(Entity.json("{\"emails\":[\"" + PlantedText.email("dialog-invited")
                + "\",\"" + PlantedText.of("not-an-address") + "\"],\"personal_message\":\"" + PlantedText.of("message")
                + "\",\"inviter_name\":\"" + PlantedText.of("inviter-name") + "\",\"language\":\"fr\"}")), 200);
        json(api("/auth/invitations/complete-profile").post(Entity.json("{\"access_token\":\"" + PlantedText.of("token")
                + "\",\"firstName\":\"" + PlantedText.of("first") + "\",\"lastName\":\"" + PlantedText.of("last")
                + "\",\"country\":\"FR\",\"email\":\"" + PlantedText.email("form") + "\",\"password\":\"Secret-Passw0rd!\"}")), 401);
        String search = URLEncoder.encode(PlantedText.of("search"), StandardCharsets.UTF_8);
        json(api("/stats-fast/questions?q=" + search).get(), 200);
    }

    @Test
    void anInsertPostgresqlRefusesIsA500WithAnIdAndNoText() throws Exception {
        JsonNode body = json(api("/conversations/save").post(Entity.json(
                save(UUID.randomUUID(), PlantedText.of(REFUSED)))), 500);

        assertThat(body.get("message").asText()).contains("It has been logged (ID").doesNotContain(PlantedText.MARK);
    }

    @Test
    void bodiesThatAreNotJsonAreRefusedWithoutEchoingThem() throws Exception {
        json(api("/conversations/save").post(Entity.entity("{\"question\": " + PlantedText.of("bare-token") + "}",
                MediaType.APPLICATION_JSON)), 400);
    }

    @Test
    void createSupabaseUserWithTheLocalDirectory() {
        UUID id = UUID.randomUUID();
        json(task("create-supabase-user", "id=" + id + "&email=" + PlantedText.email("created")
                + "&first_name=" + PlantedText.of("first-name") + "&last_name=" + PlantedText.of("last-name")), 200);
        json(task("create-supabase-user", "id=" + id + "&email=" + PlantedText.email("created-again")), 409);

        JsonNode refused = json(task("create-supabase-user", "id=" + UUID.randomUUID() + "&email="
                + PlantedText.email("refused") + "&first_name=" + PlantedText.of(REFUSED)), 500);
        assertThat(refused.get("message").asText()).contains("reference").doesNotContain(PlantedText.MARK);
    }
}
