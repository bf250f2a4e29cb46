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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client sees of the input layer on the real application and database: one status per kind of mistake,
 * a JSON {code, message} naming the field and the limit (never echoing the value), and nothing written.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InputLayerApiTest {

    private static final String SECRET = "test-jwt-secret-0123456789-abcdefghijklmnop";
    private static final String PLANTED = "Planted-4711";
    /** The latency field as save() writes it: replaced whole, as "900" alone may also occur in a random UUID. */
    private static final String LATENCY = "\"processing_time_ms\":900";
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());
    private static final UUID ADMIN = UUID.randomUUID();

    private final UUID user = UUID.randomUUID();

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", SECRET));
        all.add(ConfigOverride.config("secretKey", SECRET + "-invitations"));
        all.add(ConfigOverride.config("limits.maxTextCharacters", "2000"));
        return all.toArray(new ConfigOverride[0]);
    }

    @BeforeAll
    static void anAdmin() {
        Services.localDirectory(DATABASE.dataSource())
                .save(new Profile(ADMIN, "admin@intelia.com", "Ada", "Admin", "admin", null));
    }

    private static String token(UUID subject) {
        try {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject.toString()).audience("authenticated")
                    .claim("role", "authenticated").claim("email", "someone@example.com")
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

    private Response post(String path, String json) {
        return api(path).request().header("Authorization", "Bearer " + token(user))
                .post(Entity.entity(json, MediaType.APPLICATION_JSON));
    }

    private static Response get(WebTarget target, UUID as) {
        return target.request().header("Authorization", "Bearer " + token(as)).get();
    }

    /** The status, a JSON {code, message} whose message starts with the field, and no planted text in it. */
    private static String refused(Response response, int status, String field) {
        String raw = response.readEntity(String.class);
        assertThat(response.getStatus()).as(raw).isEqualTo(status);
        assertThat(response.getMediaType().toString()).startsWith(MediaType.APPLICATION_JSON);
        JsonNode body = APP.getObjectMapper().valueToTree(parse(raw));
        assertThat(body.get("code").asInt()).isEqualTo(status);
        String message = body.get("message").asText();
        assertThat(message).startsWith(field + " ").doesNotContain(PLANTED);
        return message;
    }

    private static Object parse(String raw) {
        try {
            return APP.getObjectMapper().readTree(raw);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + raw, e);
        }
    }

    private static JsonNode ok(Response response) {
        String raw = response.readEntity(String.class);
        assertThat(response.getStatus()).as(raw).isEqualTo(200);
        return (JsonNode) parse(raw);
    }

    /** A save body; {@code change} edits the JSON text (JSON escapes such as \\u0000 are written as such). */
    private String save(UUID conversation, UnaryOperator<String> change) {
        return change.apply("{\"conversation_id\":\"" + conversation + "\",\"user_id\":\"" + user + "\","
                + "\"question\":\"How warm at day 1? " + PLANTED + "\",\"response\":\"32 degrees.\","
                + "\"metadata\":{\"response_source\":\"rag\",\"language\":\"en\",\"model\":\"gpt-4o\","
                + "\"processing_time_ms\":900,\"confidence\":0.9,\"sources\":[{\"title\":\"Guide\",\"page\":3}]}}");
    }

    private long rowsOf(UUID conversation) {
        return (Long) DATABASE.value("SELECT count(*) FROM conversations WHERE id = '" + conversation + "'");
    }

    @Test
    void charactersPostgresqlCannotStoreAreA422NamingTheFieldAndNothingIsWritten() {
        record Case(UnaryOperator<String> change, String field) {
        }
        List<Case> cases = List.of(
                new Case(b -> b.replace("How warm", "How\\u0000warm"), "question"),
                new Case(b -> b.replace("32 degrees.", "32\\ud800 degrees."), "response"),
                new Case(b -> b.replace("32 degrees.", "\\udc0032 degrees."), "response"),
                new Case(b -> b.replace("\"en\"", "\"e\\u0000\""), "metadata.language"),
                new Case(b -> b.replace("\"Guide\"", "\"Gu\\u0000ide\""), "metadata.sources"),
                new Case(b -> b.replace("\"title\"", "\"ti\\u0000tle\""), "metadata.sources"),
                new Case(b -> b.replace("\"page\":3", "\"page\":{\"deep\":[\"\\ud83d\"]}"), "metadata.sources"),
                new Case(b -> b.replace("}}", "},\"title\":\"T\\u0000\"}"), "title"));
        for (Case c : cases) {
            UUID conversation = UUID.randomUUID();
            String message = refused(post("/conversations/save", save(conversation, c.change())), 422, c.field());
            assertThat(message).containsAnyOf("U+0000, which PostgreSQL cannot store", "unpaired surrogate");
            assertThat(rowsOf(conversation)).isZero();
        }

        UUID conversation = UUID.randomUUID();
        ok(post("/conversations/save", save(conversation, b -> b)));
        refused(post("/conversations/" + conversation + "/feedback", "{\"rating\":1,\"comment\":\"bad\\u0000\"}"), 422,
                "comment");
        refused(post("/invitations", "{\"invited_email\":\"f@example.com\",\"invited_name\":\"A\\ud800\"}"), 422,
                "invited_name");
        refused(post("/invitations/accept", "{\"token\":\"abc\\u0000\"}"), 422, "token");
        assertThat(DATABASE.value("SELECT count(*) FROM feedback")).isEqualTo(0L);
        assertThat(DATABASE.value("SELECT count(*) FROM invitations")).isEqualTo(0L);
    }

    @Test
    void charactersPostgresqlCannotStoreInQueryParametersAreA400NamingTheParameter() {
        for (String parameter : List.of("q", "language", "response_source", "user_id", "from", "feedback")) {
            refused(get(api("/stats-fast/questions").queryParam(parameter, "abc\u0000" + PLANTED), ADMIN), 400,
                    parameter);
        }
        refused(get(api("/stats-fast/dashboard").queryParam("range", "week\u0000"), ADMIN), 400, "range");
    }

    @Test
    void aLimitOutOfItsRangeIsA400NamingTheRangeOnEveryList() {
        String onQuestions = refused(get(api("/stats-fast/questions").queryParam("limit", 0), ADMIN), 400, "limit");
        String onConversations = refused(get(api("/conversations/user/" + user).queryParam("limit", 0), user), 400,
                "limit");

        assertThat(onQuestions).isEqualTo("limit must be a whole number between 1 and 100");
        assertThat(onConversations).as("the history list takes the frontend's limit=999")
                .isEqualTo("limit must be a whole number between 1 and 999");
        refused(get(api("/conversations/user/" + user).queryParam("limit", 1000), user), 400, "limit");
        refused(get(api("/conversations/search").queryParam("q", "x").queryParam("limit", 0), user), 400, "limit");
        refused(get(api("/conversations/" + UUID.randomUUID() + "/messages").queryParam("limit", 501), user), 400,
                "limit");
        refused(get(api("/conversations/user/" + user).queryParam("cursor", "nope!"), user), 400, "cursor");
    }

    @Test
    void cursorsThisServiceDidNotWriteAre400() {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String farQuestions = base64.encodeToString(("q1|2|+999999999-12-31T23:59:59Z|" + UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8));
        String hugePage = base64.encodeToString(("q1|9223372036854775807|2025-10-10T00:00:00Z|" + UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8));
        String farConversations = base64.encodeToString(("+999999999-12-31T23:59:59Z|" + UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8));

        refused(get(api("/stats-fast/questions").queryParam("cursor", farQuestions), ADMIN), 400, "cursor");
        refused(get(api("/stats-fast/questions").queryParam("cursor", hugePage), ADMIN), 400, "cursor");
        refused(get(api("/conversations/user/" + user).queryParam("cursor", farConversations), user), 400, "cursor");
    }

    @Test
    void numbersOutOfRangeAreRefusedWithTheRange() {
        assertThat(refused(get(api("/stats-fast/questions").queryParam("page", "586643843278255509"), ADMIN), 400,
                "page")).contains("between 1 and 100000000");
        assertThat(refused(post("/conversations/save", save(UUID.randomUUID(),
                b -> b.replace(LATENCY, "\"processing_time_ms\":99999999999"))), 400, "metadata.processing_time_ms"))
                .contains("between -2147483648 and 2147483647");
        assertThat(refused(post("/conversations/save", save(UUID.randomUUID(),
                b -> b.replace(LATENCY, "\"processing_time_ms\":86400001"))), 422, "metadata.processing_time_ms"))
                .contains("86400000");
        assertThat(refused(post("/conversations/save", save(UUID.randomUUID(),
                b -> b.replace("0.9", "1.5"))), 422, "metadata.confidence")).contains("between 0 and 1");
        assertThat(refused(post("/conversations/save", save(UUID.randomUUID(),
                b -> b.replace("0.9", "1e400"))), 422, "metadata.confidence")).contains("finite");
        assertThat(refused(post("/conversations/save", save(UUID.randomUUID(),
                b -> b.replace("\"page\":3", "\"page\":1e400"))), 422, "metadata.sources")).contains("finite");
        assertThat(refused(post("/conversations/save", save(UUID.randomUUID(),
                b -> b.replace("}}", ",\"prompt_tokens\":-1}}"))), 422, "metadata.prompt_tokens"))
                .contains("between 0 and 10000000");
    }

    @Test
    void textsLongerThanTheirColumnAre413WithTheLimit() {
        record Case(UnaryOperator<String> change, String field, int limit) {
        }
        List<Case> cases = List.of(
                new Case(b -> b.replace("}}", "},\"title\":\"" + "t".repeat(256) + "\"}"), "title", 255),
                new Case(b -> b.replace("\"rag\"", "\"" + "s".repeat(51) + "\""), "metadata.response_source", 50),
                new Case(b -> b.replace("}}", "},\"source\":\"" + "s".repeat(51) + "\"}"), "source", 50),
                new Case(b -> b.replace("\"gpt-4o\"", "\"" + "m".repeat(101) + "\""), "metadata.model", 100),
                new Case(b -> b.replace("\"en\"", "\"" + "e".repeat(11) + "\""), "metadata.language", 10),
                new Case(b -> b.replace("32 degrees.", "x".repeat(2001)), "response", 2000),
                new Case(b -> b.replace("\"Guide\"", "\"" + "g".repeat(1990) + "\""), "metadata.sources", 2000));
        for (Case c : cases) {
            UUID conversation = UUID.randomUUID();
            assertThat(refused(post("/conversations/save", save(conversation, c.change())), 413, c.field()))
                    .isEqualTo(c.field() + " is longer than the limit of " + c.limit() + " characters");
            assertThat(rowsOf(conversation)).isZero();
        }
        UUID conversation = UUID.randomUUID();
        ok(post("/conversations/save", save(conversation, b -> b)));
        refused(post("/conversations/" + conversation + "/feedback", "{\"rating\":1,\"comment\":\""
                + "c".repeat(2000) + "\",\"feedback_type\":\"" + "f".repeat(51) + "\"}"), 413, "feedback_type");
        refused(post("/invitations", "{\"invited_email\":\"" + "a".repeat(250) + "@example.com\"}"), 413,
                "invited_email");
    }

    @Test
    void aBodyThatIsNotAJsonObjectOrHasAFieldOfTheWrongTypeIs400() {
        refused(post("/conversations/save", "[1, 2]"), 400, "request body");
        refused(post("/conversations/save", "{\"question\": \"" + PLANTED), 400, "request body");
        refused(post("/conversations/save", save(UUID.randomUUID(), b -> b.replace("0.9", "\"" + PLANTED + "\""))),
                400, "metadata.confidence");
        refused(post("/conversations/save", save(UUID.randomUUID(), b -> b.replace("\"conversation_id\":\"",
                "\"conversation_id\":\"1-1-1-1-1\",\"x\":\""))), 400, "conversation_id");
    }

    @Test
    void bodyFieldsThatBreakTheirRuleAre422() {
        UUID conversation = UUID.randomUUID();
        ok(post("/conversations/save", save(conversation, b -> b)));

        refused(post("/conversations/save", ""), 422, "request body");
        refused(post("/conversations/save", save(UUID.randomUUID(), b -> b.replace("\"question\":\"How warm",
                "\"question\":null,\"x\":\"How warm"))), 422, "question");
        refused(post("/conversations/save", save(UUID.randomUUID(), b -> b.replace("}}",
                "},\"session_id\":\"chat-" + PLANTED + "\"}"))), 422, "session_id");
        assertThat(refused(post("/conversations/" + conversation + "/feedback", "{\"rating\":0}"), 422, "rating"))
                .isEqualTo("rating must be 1 (helpful) or -1 (not helpful)");
        assertThat(refused(post("/conversations/" + conversation + "/feedback", "{\"comment\":\"x\"}"), 422,
                "rating")).isEqualTo("rating is required");
        refused(post("/invitations", "{\"invited_email\":\"" + PLANTED + "\"}"), 422, "invited_email");
        refused(post("/invitations", "{}"), 422, "invited_email");
        refused(post("/invitations/accept", "{}"), 422, "token");
        String deep = "[".repeat(70) + "]".repeat(70);
        refused(post("/conversations/save", save(UUID.randomUUID(), b -> b.replace("\"page\":3", "\"page\":" + deep))),
                422, "metadata.sources");
    }

    @Test
    void timestampsWithoutOffsetOrWithASpaceAreUtc() {
        UUID python = UUID.randomUUID();
        UUID rfc3339 = UUID.randomUUID();

        ok(post("/conversations/save", save(python, b -> b.replace("}}",
                "},\"timestamp\":\"2025-10-10T22:10:34.123456\"}"))));
        ok(post("/conversations/save", save(rfc3339, b -> b.replace("}}",
                "},\"timestamp\":\"2025-10-10 22:10:35Z\"}"))));

        assertThat(createdAt(python)).isEqualTo(Instant.parse("2025-10-10T22:10:34.123456Z"));
        assertThat(createdAt(rfc3339)).isEqualTo(Instant.parse("2025-10-10T22:10:35Z"));
        JsonNode page = ok(get(api("/stats-fast/questions").queryParam("from", "2025-10-10T22:10:34.123456")
                .queryParam("to", "2025-10-10 22:10:35Z").queryParam("user_id", user), ADMIN));
        assertThat(page.at("/pagination/total").asLong()).isEqualTo(2);
    }

    private static Instant createdAt(UUID conversation) {
        return ((java.sql.Timestamp) DATABASE.value("SELECT created_at FROM conversations WHERE id = '"
                + conversation + "'")).toInstant();
    }

    @Test
    void timestampsFarFromNowAreRefused() {
        String tomorrowAndMore = OffsetDateTime.now().plusDays(2).toString();
        for (String timestamp : List.of(tomorrowAndMore, "2999-01-01T00:00:00Z", "1999-12-31T23:59:59Z")) {
            UUID conversation = UUID.randomUUID();
            assertThat(refused(post("/conversations/save", save(conversation, b -> b.replace("}}",
                    "},\"timestamp\":\"" + timestamp + "\"}"))), 422, "timestamp")).contains("2020-01-01");
            assertThat(rowsOf(conversation)).isZero();
        }
        refused(post("/conversations/save", save(UUID.randomUUID(), b -> b.replace("}}",
                "},\"timestamp\":\"+999999999-12-31T23:59:59Z\"}"))), 400, "timestamp");
        refused(post("/conversations/save", save(UUID.randomUUID(), b -> b.replace("}}",
                "},\"timestamp\":\"" + PLANTED + "\"}"))), 400, "timestamp");
        refused(get(api("/stats-fast/questions").queryParam("to", "2999-01-01"), ADMIN), 400, "to");
        refused(get(api("/stats-fast/questions").queryParam("from", "+10000-01-01T00:00:00Z"), ADMIN), 400, "from");
        refused(get(api("/stats-fast/dashboard").queryParam("from", "1900-01-01"), ADMIN), 400, "from");
    }

    @Test
    void uuidsAreCanonicalEverywhere() {
        refused(get(api("/stats-fast/questions").queryParam("user_id", "1-1-1-1-1"), ADMIN), 400, "user_id");
        refused(get(api("/conversations/user/1-1-1-1-1"), user), 400, "user_id");
        refused(post("/conversations/1-1-1-1-1/feedback", "{\"rating\":1}"), 400, "conversation_id");
    }

    @Test
    void aPagePastTheEndIsEmptyWithTheTrueTotal() {
        for (int i = 0; i < 3; i++) {
            ok(post("/conversations/save", save(UUID.randomUUID(), b -> b)));
        }
        long total = (Long) DATABASE.value("SELECT count(*) FROM conversations WHERE status = 'active'");

        for (int page : List.of(200, 5000)) {
            JsonNode body = ok(get(api("/stats-fast/questions").queryParam("page", page).queryParam("limit", 20),
                    ADMIN));
            assertThat(body.get("questions")).isEmpty();
            assertThat(body.at("/pagination/total").asLong()).isEqualTo(total);
            assertThat(body.at("/pagination/pages").asLong()).isEqualTo((total + 19) / 20);
            assertThat(body.at("/pagination/total_exact").asBoolean()).isTrue();
            assertThat(body.at("/pagination/has_next").asBoolean()).isFalse();
        }
        JsonNode mine = ok(get(api("/stats-fast/questions").queryParam("page", 99), user));
        assertThat(mine.get("questions")).isEmpty();
        assertThat(mine.at("/pagination/total").asLong()).as("a user's own total").isEqualTo(3);
    }
}
