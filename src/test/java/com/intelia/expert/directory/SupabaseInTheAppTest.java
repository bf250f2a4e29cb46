package com.intelia.expert.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.SupabaseStub;
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
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application with SUPABASE_URL pointing at a PostgREST stub: admin role from the Supabase profile, names
 * for a page of questions from one request (none when warm), and a Supabase outage that degrades, never kills.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SupabaseInTheAppTest {

    /** Started before the application, which reads its URL at start (extensions start too late for that). */
    private static final WireMockServer SUPABASE = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        SUPABASE.start();
    }

    @AfterAll
    static void stopSupabase() {
        SUPABASE.stop();
    }

    private static final String SECRET = "supabase-app-test-secret-0123456789abcdef";
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    private static final UUID ADMIN = UUID.randomUUID();
    private static final UUID GROWER = UUID.randomUUID();
    private static final List<UUID> ASKERS = SupabaseStub.ids(20);

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", SECRET));
        all.add(ConfigOverride.config("secretKey", SECRET + "-invitations"));
        all.add(ConfigOverride.config("supabase.url", SUPABASE.baseUrl()));
        all.add(ConfigOverride.config("supabase.key", SupabaseStub.ANON_KEY));
        all.add(ConfigOverride.config("supabase.serviceKey", SupabaseStub.SERVICE_KEY));
        all.add(ConfigOverride.config("supabase.readTimeout", "500ms"));
        all.add(ConfigOverride.config("supabase.healthProbeInterval", "200ms"));
        return all.toArray(new ConfigOverride[0]);
    }

    @BeforeEach
    void profilesAndQuestions() {
        APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/clear-caches").request()
                .post(Entity.text("")).close();
        SUPABASE.resetAll();
        SUPABASE.stubFor(SupabaseStub.users().withQueryParam("id", equalTo("in.(" + ADMIN + ")"))
                .willReturn(SupabaseStub.json(200, SupabaseStub.row(ADMIN).replace("\"user\"", "\"super_admin\"")
                        .transform(row -> "[" + row + "]"))));
        SUPABASE.stubFor(SupabaseStub.users().withQueryParam("id", equalTo("in.(" + GROWER + ")"))
                .willReturn(SupabaseStub.rows(GROWER)));
        SUPABASE.stubFor(SupabaseStub.users().withQueryParam("id", containing(ASKERS.get(0).toString()))
                .willReturn(SupabaseStub.rows(ASKERS)));
        SUPABASE.stubFor(SupabaseStub.users().withQueryParam("limit", equalTo("1"))
                .willReturn(SupabaseStub.json(200, "[]")));
        if ((Long) DATABASE.value("SELECT count(*) FROM conversations") == 0L) {
            for (UUID asker : ASKERS) {
                DATABASE.execute("INSERT INTO conversations (session_id, user_id, question, response)"
                        + " VALUES ('s', '" + asker + "', 'How warm for day-old chicks?', '32 to 33 C')");
            }
        }
    }

    private static String token(UUID subject) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(subject.toString()).audience("authenticated").expirationTime(Date.from(now.plusSeconds(600)))
                .build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static Response get(String path, UUID user) throws Exception {
        return APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1" + path).request()
                .header("Authorization", "Bearer " + token(user)).get();
    }

    private static int pageLookups() {
        return SUPABASE.findAll(SupabaseStub.usersRequested()
                .withQueryParam("id", containing(ASKERS.get(0).toString()))).size();
    }

    @Test
    void aPageOf20QuestionsBy20UsersIsNamedFromOneRequestThenFromTheCache() throws Exception {
        Response cold = get("/stats-fast/questions?limit=20", ADMIN);
        JsonNode body = cold.readEntity(JsonNode.class);
        int coldRequests = pageLookups();
        Response warm = get("/stats-fast/questions?limit=20", ADMIN);
        warm.close();
        int warmRequests = pageLookups() - coldRequests;

        assertThat(cold.getStatus()).isEqualTo(200);
        assertThat(body.get("questions")).hasSize(20);
        body.get("questions").forEach(q -> assertThat(q.get("user_email").asText()).endsWith("@ferme.fr"));
        assertThat(coldRequests).as("Supabase requests for the names of a cold page").isEqualTo(1);
        assertThat(warmRequests).as("Supabase requests for the same page when warm").isZero();
    }

    @Test
    void clearCachesMakesTheNextPageAskSupabaseAgain() throws Exception {
        get("/stats-fast/questions?limit=20", ADMIN).close();
        int before = pageLookups();

        JsonNode cleared = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/clear-caches")
                .request().post(Entity.text("")).readEntity(JsonNode.class);
        get("/stats-fast/questions?limit=20", ADMIN).close();

        assertThat(cleared.at("/cleared/profiles").asLong()).isPositive();
        assertThat(pageLookups() - before).isEqualTo(1);
    }

    @Test
    void theAdminRoleComesFromTheSupabaseProfile() throws Exception {
        assertThat(get("/stats-fast/dashboard", ADMIN).getStatus()).isEqualTo(200);
        assertThat(get("/stats-fast/dashboard", GROWER).getStatus()).isEqualTo(403);
    }

    @Test
    void aSupabaseOutageDegradesThePublicHealthButKeepsItUp() throws InterruptedException {
        SUPABASE.stubFor(SupabaseStub.users().withQueryParam("limit", equalTo("1")).willReturn(serverError()));

        // Supabase is probed in the background (every 200 ms here): the outage shows at the next probe
        Response response = null;
        JsonNode body = null;
        for (int i = 0; i < 50 && (body == null || !"degraded".equals(body.get("status").asText())); i++) {
            Thread.sleep(100);
            response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/health").request().get();
            body = response.readEntity(JsonNode.class);
        }
        Response admin = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck")
                .request().get();
        JsonNode checks = admin.readEntity(JsonNode.class);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(body.get("status").asText()).isEqualTo("degraded");
        assertThat(body.at("/databases/supabase/status").asText()).isEqualTo("unhealthy");
        assertThat(body.at("/databases/postgresql/status").asText()).isEqualTo("healthy");
        assertThat(checks.at("/supabase/healthy").asBoolean()).isFalse();
        assertThat(checks.at("/postgresql/healthy").asBoolean()).isTrue();
    }

    @Test
    void theAuditSaysUnavailableWhenSupabaseCannotBeAsked() {
        SUPABASE.resetAll();
        SUPABASE.stubFor(SupabaseStub.users().willReturn(serverError()));

        JsonNode report = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/user-id-audit")
                .request().post(Entity.text("")).readEntity(JsonNode.class);

        assertThat(report.get("status").asText()).isEqualTo("unavailable");
        assertThat(report.get("orphan_count").asInt()).isZero();
    }
}
