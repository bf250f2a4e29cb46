package com.intelia.expert.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
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
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin drills down from the dashboard: every source key the dashboard shows, given to the questions page as
 * response_source, lists exactly the questions the dashboard counted under it, whichever source the answering
 * component stored (rag, table_lookup, none, or one the contract does not name).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardDrillDownTest {

    private static final String SECRET = "test-jwt-secret-0123456789-abcdefghijklmnop";
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());
    private static final UUID ADMIN = UUID.randomUUID();
    /** Stored sources and how many questions carry each; null is a save without any source. */
    private static final Map<String, Integer> STORED = new LinkedHashMap<>();

    static {
        STORED.put("rag", 3);
        STORED.put("rag_retriever", 2);
        STORED.put("table_lookup", 2);
        STORED.put("perfstore", 1);
        STORED.put("openai_fallback", 2);
        STORED.put("knowledge_graph", 1);
        STORED.put("error", 1);
        STORED.put("unknown", 1);
        STORED.put("RAG", 1);
        STORED.put(" validation_rejected ", 1);
        STORED.put(null, 2);
    }

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", SECRET));
        all.add(ConfigOverride.config("secretKey", SECRET + "-invitations"));
        return all.toArray(new ConfigOverride[0]);
    }

    private static String token() {
        try {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(ADMIN.toString()).audience("authenticated")
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebTarget api(String path) {
        return APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1" + path);
    }

    private static JsonNode get(WebTarget target) {
        Response response = target.request().header("Authorization", "Bearer " + token()).get();
        String raw = response.readEntity(String.class);
        assertThat(response.getStatus()).as(raw).isEqualTo(200);
        try {
            return APP.getObjectMapper().readTree(raw);
        } catch (Exception e) {
            throw new AssertionError(raw, e);
        }
    }

    @BeforeAll
    static void questionsFromEverySource() {
        Services.localDirectory(DATABASE.dataSource())
                .save(new Profile(ADMIN, "admin@intelia.com", "Ada", "Admin", "admin", null));
        STORED.forEach((source, count) -> {
            for (int i = 0; i < count; i++) {
                String metadata = source == null ? "" : ",\"metadata\":{\"response_source\":\"" + source + "\"}";
                String body = "{\"conversation_id\":\"" + UUID.randomUUID() + "\",\"user_id\":\"" + UUID.randomUUID()
                        + "\",\"question\":\"Question " + i + "\",\"response\":\"Answer\"" + metadata + "}";
                Response saved = api("/conversations/save").request().header("Authorization", "Bearer " + token())
                        .post(Entity.entity(body, MediaType.APPLICATION_JSON));
                assertThat(saved.getStatus()).as(saved.readEntity(String.class)).isEqualTo(200);
            }
        });
    }

    @Test
    void everySourceKeyOfTheDashboardListsTheQuestionsItCounts() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode dashboard = get(api("/stats-fast/dashboard").queryParam("from", today.minusDays(1))
                .queryParam("to", today.plusDays(1)));
        JsonNode distribution = dashboard.at("/usage_stats/source_distribution");
        assertThat(distribution.get("rag_retriever").asLong()).as("rag and rag_retriever").isEqualTo(5);
        assertThat(distribution.get("perfstore").asLong()).as("table_lookup and perfstore").isEqualTo(3);
        assertThat(distribution.get("unknown").asLong()).as("no source, and unknown").isEqualTo(3);

        long sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> keys = distribution.fields(); keys.hasNext(); ) {
            Map.Entry<String, JsonNode> key = keys.next();
            long counted = key.getValue().asLong();
            sum += counted;
            WebTarget questions = api("/stats-fast/questions").queryParam("response_source", key.getKey())
                    .queryParam("limit", 100);
            JsonNode byDays = get(questions.queryParam("from", today.minusDays(1)).queryParam("to", today.plusDays(1)));
            JsonNode byInstants = get(questions.queryParam("from", today.minusDays(1) + "T00:00:00Z"));
            for (JsonNode page : List.of(get(questions), byDays, byInstants)) {
                assertThat(page.at("/pagination/total").asLong()).as(key.getKey()).isEqualTo(counted);
                assertThat(page.at("/pagination/total_exact").asBoolean()).isTrue();
                assertThat(page.get("questions")).as(key.getKey()).hasSize((int) counted);
            }
        }
        assertThat(sum).isEqualTo(dashboard.at("/usage_stats/total_questions").asLong());
    }

    @Test
    void aStoredSourceFindsTheRowsOfItsDashboardKey() {
        assertThat(get(api("/stats-fast/questions").queryParam("response_source", "rag"))
                .at("/pagination/total").asLong()).isEqualTo(5);
        assertThat(get(api("/stats-fast/questions").queryParam("response_source", "table_lookup"))
                .at("/pagination/total").asLong()).isEqualTo(3);
        assertThat(get(api("/stats-fast/questions").queryParam("response_source", "validation_rejected"))
                .at("/pagination/total").asLong()).as("stored without its spaces").isEqualTo(1);
    }
}
