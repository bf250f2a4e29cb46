package com.intelia.expert.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.Services;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics API over HTTP on the real application with the local user directory: admin role from the
 * profile's user_type, names from the directory, 403 for other users, 400 naming a bad parameter.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class StatsApiTest {

    private static final String SECRET = "test-jwt-secret-0123456789-abcdefghijklmnop";
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    private static final UUID ADMIN = UUID.randomUUID();
    private static final UUID GROWER = UUID.randomUUID();
    private static final UUID ORPHAN = UUID.randomUUID();

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", SECRET));
        all.add(ConfigOverride.config("secretKey", SECRET + "-invitations"));
        all.add(ConfigOverride.config("stats.planPrices.pro", "29.50"));
        return all.toArray(new ConfigOverride[0]);
    }

    @BeforeAll
    static void profilesAndConversations() throws Exception {
        LocalUserDirectory directory = Services.localDirectory(DATABASE.dataSource());
        directory.save(new Profile(ADMIN, "admin@intelia.com", "Ada", "Admin", "super_admin", "enterprise"));
        directory.save(new Profile(GROWER, "grower@example.com", "Gil", "Grower", "user", "pro"));
        save(GROWER, "Weight of Ross 308 at day 35?");
        save(GROWER, "Water intake at day 21?");
        save(ORPHAN, "Lighting program for layers?");
        Response invited = post("/invitations", token(GROWER), "{\"invited_email\":\"friend@example.com\"}");
        assertThat(invited.getStatus()).isEqualTo(201);
    }

    private static void save(UUID owner, String question) throws Exception {
        String body = "{\"conversation_id\":\"" + UUID.randomUUID() + "\",\"user_id\":\"" + owner
                + "\",\"question\":\"" + question + "\",\"response\":\"See the guide.\",\"metadata\":"
                + "{\"response_source\":\"rag\",\"processing_time_ms\":1200,\"language\":\"en\"}}";
        Response response = post("/conversations/save", token(ADMIN), body);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    private static String token(UUID subject) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject.toString()).audience("authenticated")
                .claim("email", "someone@example.com").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static Response get(String path, String token) {
        var request = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1" + path).request();
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.get();
    }

    private static Response post(String path, String token, String json) {
        return APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1" + path).request()
                .header("Authorization", "Bearer " + token).post(Entity.entity(json, MediaType.APPLICATION_JSON));
    }

    private static JsonNode json(Response response, int status) {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType().toString()).startsWith(MediaType.APPLICATION_JSON);
        return response.readEntity(JsonNode.class);
    }

    @Test
    void anAdminSeesTheDashboardWithNamedTopUsersAndTheOrphanLabelled() throws Exception {
        JsonNode body = json(get("/stats-fast/dashboard?range=week", token(ADMIN)), 200);

        assertThat(body.at("/usage_stats/total_questions").asLong()).isEqualTo(3);
        assertThat(body.at("/usage_stats/unique_users").asLong()).isEqualTo(2);
        assertThat(body.at("/usage_stats/source_distribution/rag_retriever").asLong()).isEqualTo(3);
        assertThat(body.at("/performance_stats/median_response_time").asDouble()).isBetween(1.1, 1.3);
        JsonNode top = body.at("/billing_stats/top_users");
        assertThat(top).hasSize(2);
        assertThat(top.get(0).get("email").asText()).isEqualTo("grower@example.com");
        assertThat(top.get(0).get("first_name").asText()).isEqualTo("Gil");
        assertThat(top.get(0).get("question_count").asLong()).isEqualTo(2);
        assertThat(top.get(1).get("profile_status").asText()).isEqualTo("missing");
        assertThat(top.get(1).get("email").asText()).doesNotContain(ORPHAN.toString());
    }

    @Test
    void billingFiguresCountTheProfilesPerPlanAtTheConfiguredPrices() throws Exception {
        JsonNode body = json(get("/stats-fast/dashboard", token(ADMIN)), 200);

        assertThat(body.at("/billing_stats/plans/pro/user_count").asLong()).isEqualTo(1);
        assertThat(body.at("/billing_stats/plans/pro/revenue").asDouble()).isEqualTo(29.5);
        assertThat(body.at("/billing_stats/plans/enterprise/user_count").asLong()).isEqualTo(1);
        assertThat(body.at("/billing_stats/plans/enterprise/revenue").asDouble()).isZero();
        assertThat(body.at("/billing_stats/total_revenue").asDouble()).isEqualTo(29.5);
        assertThat(body.at("/system_stats/billing_stats/plans_available").asInt()).isEqualTo(2);
        assertThat(body.at("/system_stats/billing_stats/plan_names").toString()).isEqualTo("[\"enterprise\",\"pro\"]");
    }

    @Test
    void aUserWhoIsNotAnAdminGets403JsonOnAdminEndpoints() throws Exception {
        for (String path : List.of("/stats-fast/dashboard", "/stats-fast/invitations",
                "/invitations/stats/global-enhanced")) {
            JsonNode body = json(get(path, token(GROWER)), 403);
            assertThat(body.get("message").asText()).as(path).contains("user_type admin or super_admin");
        }
    }

    @Test
    void aUserWithoutAProfileIsNotAnAdmin() throws Exception {
        json(get("/stats-fast/dashboard", token(ORPHAN)), 403);
    }

    @Test
    void statisticsNeedAToken() {
        assertThat(json(get("/stats-fast/questions", null), 401).get("code").asInt()).isEqualTo(401);
    }

    @Test
    void anAdminSeesEveryonesQuestionsWithNames() throws Exception {
        JsonNode body = json(get("/stats-fast/questions?page=1&limit=20", token(ADMIN)), 200);

        assertThat(body.at("/pagination/total").asLong()).isEqualTo(3);
        assertThat(body.at("/meta/user_role").asText()).isEqualTo("admin");
        List<String> emails = new ArrayList<>();
        body.get("questions").forEach(q -> emails.add(q.get("user_email").asText()));
        assertThat(emails).contains("grower@example.com").noneMatch(e -> e.contains(ORPHAN.toString()));
    }

    @Test
    void aUserSeesOnlyTheirOwnQuestions() throws Exception {
        JsonNode body = json(get("/stats-fast/questions", token(GROWER)), 200);

        assertThat(body.at("/pagination/total").asLong()).isEqualTo(2);
        assertThat(body.at("/meta/user_role").asText()).isEqualTo("user");
        body.get("questions").forEach(q -> assertThat(q.get("user_email").asText()).isEqualTo("grower@example.com"));
        json(get("/stats-fast/questions?user_id=" + ORPHAN, token(GROWER)), 403);
    }

    @Test
    void badParametersAre400NamingTheParameter() throws Exception {
        assertThat(json(get("/stats-fast/questions?limit=500", token(ADMIN)), 400).get("message").asText())
                .contains("limit");
        assertThat(json(get("/stats-fast/questions?page=zero", token(ADMIN)), 400).get("message").asText())
                .contains("page");
        assertThat(json(get("/stats-fast/dashboard?range=decade", token(ADMIN)), 400).get("message").asText())
                .contains("range");
        assertThat(json(get("/stats-fast/dashboard?from=2025-13-01&to=2025-12-01", token(ADMIN)), 400)
                .get("message").asText()).contains("from");
    }

    @Test
    void invitationFiguresNameTheInviter() throws Exception {
        JsonNode fast = json(get("/stats-fast/invitations", token(ADMIN)), 200);
        JsonNode global = json(get("/invitations/stats/global-enhanced", token(ADMIN)), 200);

        assertThat(fast.at("/invitation_stats/total_invitations_sent").asLong()).isEqualTo(1);
        assertThat(fast.at("/invitation_stats/top_inviters/0/inviter_email").asText()).isEqualTo("grower@example.com");
        assertThat(global.get("total_pending").asLong()).isEqualTo(1);
        assertThat(global.at("/top_inviters_by_sent/0/inviter_name").asText()).isEqualTo("Gil Grower");
    }
}
