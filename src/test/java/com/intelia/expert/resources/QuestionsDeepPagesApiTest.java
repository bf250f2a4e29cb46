package com.intelia.expert.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.resources.params.PageParam;
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
 * The questions list over HTTP as the statistics page asks it, {@code page=N&limit=20} and never a cursor, on a list
 * longer than the 100,000 rows an offset may skip: every page up to the last answers the rows of an OFFSET query,
 * for the admin (every question) and for a user (own questions), and with each filter combination the answer is a
 * page or a 400 naming {@code page}, never a 500.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class QuestionsDeepPagesApiTest {

    private static final String SECRET = "test-jwt-secret-0123456789-abcdefghijklmnop";
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());
    private static final UUID ADMIN = UUID.fromString("ad000000-0000-4000-8000-000000000001");
    private static final UUID GROWER = UUID.fromString("67000000-0000-4000-8000-000000000002");
    private static final UUID OTHER = UUID.fromString("07000000-0000-4000-8000-000000000003");
    private static final int ROWS = 105_000;

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", SECRET));
        all.add(ConfigOverride.config("secretKey", SECRET + "-invitations"));
        return all.toArray(new ConfigOverride[0]);
    }

    /**
     * 105,000 questions over the 59 days up to now, three at each instant, two thirds of them the grower's; some
     * deleted. Written in one statement through the rollup triggers, so today's rows stay in their write shards.
     */
    @BeforeAll
    static void questions() {
        LocalUserDirectory directory = Services.localDirectory(DATABASE.dataSource());
        directory.save(new Profile(ADMIN, "admin@intelia.com", "Ada", "Admin", "super_admin", "enterprise"));
        directory.save(new Profile(GROWER, "grower@example.com", "Gil", "Grower", "user", "pro"));
        DATABASE.execute("""
                INSERT INTO conversations (id, session_id, user_id, question, response, response_source, language,
                                           feedback, status, created_at)
                SELECT md5(g::text)::uuid, 's-' || g, CASE WHEN g %% 3 = 0 THEN '%s'::uuid ELSE '%s'::uuid END,
                       'Question ' || g, 'Answer ' || g, (ARRAY['rag', 'openai_fallback', 'table_lookup', NULL])[g %% 4 + 1],
                       CASE WHEN g %% 2 = 0 THEN 'fr' ELSE 'en' END, CASE g %% 7 WHEN 0 THEN 1 WHEN 1 THEN -1 END,
                       CASE WHEN g %% 97 = 0 THEN 'deleted' ELSE 'active' END,
                       date_trunc('second', now()) - (g / 3) * interval '145 seconds'
                FROM generate_series(1, %d) g
                """.formatted(OTHER, GROWER, ROWS));
    }

    @Test
    void everyPageOfTheAdminListUpToTheLastIsThatOfAnOffsetQuery() throws Exception {
        long total = count("TRUE");
        long last = (total + 19) / 20;
        assertThat(total).as("more rows than an offset may skip").isGreaterThan(100_020);

        for (long page : List.of(1L, 2L, 2_500L, 5_000L, 5_001L, last - 1, last)) {
            JsonNode body = json(get("/stats-fast/questions?page=" + page + "&limit=20", ADMIN), 200);

            assertThat(ids(body)).as("page %d", page).containsExactlyElementsOf(offset("TRUE", page, 20));
            assertThat(body.at("/pagination/total").asLong()).isEqualTo(total);
            assertThat(body.at("/pagination/pages").asLong()).isEqualTo(last);
            assertThat(body.at("/pagination/has_next").asBoolean()).isEqualTo(page < last);
        }
        assertThat(ids(json(get("/stats-fast/questions?page=" + (last + 1) + "&limit=20", ADMIN), 200))).isEmpty();
    }

    @Test
    void everyPageOfAUsersOwnListUpToTheLastIsThatOfAnOffsetQuery() throws Exception {
        String own = "user_id = '" + GROWER + "'";
        long total = count(own);
        long last = (total + 19) / 20;

        for (long page : List.of(1L, 1_000L, last / 2, last - 1, last)) {
            JsonNode body = json(get("/stats-fast/questions?page=" + page + "&limit=20", GROWER), 200);

            assertThat(ids(body)).as("page %d", page).containsExactlyElementsOf(offset(own, page, 20));
            assertThat(body.at("/pagination/total").asLong()).isEqualTo(total);
            assertThat(body.at("/meta/user_role").asText()).isEqualTo("user");
        }
    }

    @Test
    void deepPagesWithOneFilterTheRollupsCountAnswerTheirRows() throws Exception {
        record Case(String query, String where) {
        }
        for (Case c : List.of(
                new Case("response_source=rag_retriever", "response_source IN ('rag', 'rag_retriever')"),
                new Case("response_source=unknown", "COALESCE(response_source, '') IN ('', 'unknown')"),
                new Case("feedback=none", "feedback IS NULL"),
                new Case("user_id=" + GROWER, "user_id = '" + GROWER + "'"),
                new Case("from=" + day(-40) + "&to=" + day(-3), "created_at >= '" + day(-40) + "T00:00:00Z'"
                        + " AND created_at < '" + day(-2) + "T00:00:00Z'"),
                new Case("response_source=openai_fallback&from=" + day(-50) + "T10:00:00Z",
                        "response_source = 'openai_fallback' AND created_at >= '" + day(-50) + "T10:00:00Z'"))) {
            long total = count(c.where());
            long deep = (total - 1) / 20;  // the last page, whatever its depth
            for (long page : List.of(deep / 2 + 1, deep + 1)) {
                JsonNode body = json(get("/stats-fast/questions?page=" + page + "&limit=20&" + c.query(), ADMIN), 200);

                assertThat(ids(body)).as("%s page %d", c.query(), page)
                        .containsExactlyElementsOf(offset(c.where(), page, 20));
                assertThat(body.at("/pagination/total").asLong()).as(c.query()).isEqualTo(total);
                assertThat(body.at("/pagination/total_exact").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void everyFilterCombinationAnswersAPageOrA400NamingPageNeverA500() throws Exception {
        List<String> filters = List.of("", "user_id=" + GROWER, "response_source=perfstore", "feedback=positive",
                "language=fr", "q=Question%201", "from=" + day(-10), "to=" + day(-2) + "T12:00:00Z",
                "response_source=rag_retriever&feedback=none", "user_id=" + GROWER + "&language=en",
                "from=2000-01-01&to=2100-12-31", "from=" + day(-5) + "T00:00:00.000001Z&to=" + day(-5) + "T23:59:59Z");
        for (String filter : filters) {
            for (long page : List.of(1L, 3_000L, 5_001L, 6_000L, PageParam.MAX)) {
                Response response = get("/stats-fast/questions?page=" + page + "&limit=20&" + filter, ADMIN);
                assertThat(response.getStatus()).as("%s page %d", filter, page).isIn(200, 400);
                JsonNode body = response.readEntity(JsonNode.class);
                if (response.getStatus() == 400) {
                    assertThat(filter).as("only language, q or two filters keep the bounded offset")
                            .containsAnyOf("language", "q=", "&feedback");
                    assertThat(body.get("message").asText()).contains("page").contains("next_cursor");
                }
            }
        }
    }

    private static String day(int days) {
        return java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(days).toString();
    }

    private static long count(String where) {
        return (Long) DATABASE.value("SELECT count(*) FROM conversations WHERE status = 'active' AND " + where);
    }

    private static List<String> offset(String where, long page, int limit) {
        return DATABASE.rows("SELECT id::text AS id FROM conversations WHERE status = 'active' AND " + where
                        + " ORDER BY created_at DESC, id DESC LIMIT " + limit + " OFFSET " + (page - 1) * limit)
                .stream().map(r -> (String) r.get("id")).toList();
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("questions").forEach(q -> ids.add(q.get("id").asText()));
        return ids;
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

    private static Response get(String path, UUID caller) throws Exception {
        return APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1" + path).request()
                .header("Authorization", "Bearer " + token(caller)).get();
    }

    private static JsonNode json(Response response, int status) {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType().toString()).startsWith(MediaType.APPLICATION_JSON);
        return response.readEntity(JsonNode.class);
    }
}
