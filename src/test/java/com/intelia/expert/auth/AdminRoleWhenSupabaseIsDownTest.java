package com.intelia.expert.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.SupabaseStub;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.intelia.expert.auth.TestTokens.SECRET;
import static com.intelia.expert.auth.TestTokens.hs256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin role while Supabase cannot answer, through the real application with Supabase stubbed over HTTP as it
 * answers when down: 503 with PostgREST's PGRST002 body, a bare 503 from its gateway, or no answer within the read
 * timeout. The last answer stands in for the grace (5 s here); past it, or without one, every request whose answer
 * depends on the role gets 503 "cannot check the admin role now, try again", never a 403 to an admin nor a page
 * narrowed to a plain user's. Requests that do not depend on the role are untouched. The profile cache is off
 * (1 ms) so that each request asks Supabase; the circuit breaker never opens here (see AdminRoleWhenCircuitIsOpenTest).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminRoleWhenSupabaseIsDownTest {

    private static final WireMockServer SUPABASE = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        SUPABASE.start();
    }

    private static final long GRACE_MILLIS = 5_000;
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    /** A client that, unlike the extension's Apache one, does not wait out Retry-After and try again by itself. */
    private static final Client HTTP = ClientBuilder.newClient();

    private final UUID admin = UUID.randomUUID();
    private final UUID grower = UUID.randomUUID();

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", SECRET));
        all.add(ConfigOverride.config("secretKey", SECRET + "-invitations"));
        all.add(ConfigOverride.config("auth.jwks", "false"));
        all.add(ConfigOverride.config("auth.adminRoleGrace", GRACE_MILLIS + "ms"));
        all.add(ConfigOverride.config("supabase.url", SUPABASE.baseUrl()));
        all.add(ConfigOverride.config("supabase.key", SupabaseStub.ANON_KEY));
        all.add(ConfigOverride.config("supabase.serviceKey", SupabaseStub.SERVICE_KEY));
        all.add(ConfigOverride.config("supabase.readTimeout", "700ms"));
        all.add(ConfigOverride.config("supabase.retryAttempts", "1"));
        all.add(ConfigOverride.config("supabase.profileCacheTtl", "1ms"));
        all.add(ConfigOverride.config("supabase.missingCacheTtl", "1ms"));
        all.add(ConfigOverride.config("supabase.circuitBreakerWindow", "1000"));
        all.add(ConfigOverride.config("supabase.circuitBreakerMinimumCalls", "1000"));
        return all.toArray(new ConfigOverride[0]);
    }

    @AfterAll
    static void stopSupabase() {
        HTTP.close();
        SUPABASE.stop();
    }

    /** The ways Supabase answers when it cannot read profiles, as its gateway and PostgREST document them. */
    static Stream<Arguments> outages() {
        return Stream.of(
                Arguments.of("PostgREST PGRST002", SupabaseStub.postgrestError(503, "PGRST002",
                        "Could not query the database for the schema cache. Retrying.")),
                Arguments.of("gateway 503", SupabaseStub.json(503, "{\"message\":\"Service Unavailable\"}")),
                Arguments.of("no answer within the read timeout", SupabaseStub.rows().withFixedDelay(1_500)));
    }

    @BeforeEach
    void supabaseUpWithTwoProfiles() {
        SUPABASE.resetAll();
        supabaseAnswers(SupabaseStub.json(200, "[]"));
        // the first request of a cold JVM to Supabase may take longer than the read timeout: warm the path up
        HTTP.target("http://localhost:" + APP.getLocalPort() + "/api/health").request().get().close();
        if ((Long) DATABASE.value("SELECT count(*) FROM conversations") == 0L) {
            DATABASE.execute("INSERT INTO conversations (session_id, user_id, question, response)"
                    + " VALUES ('s', '" + UUID.randomUUID() + "', 'How warm for day-old chicks?', '32 to 33 C')");
        }
    }

    /** Every profile request answered this way, except those for the two users while Supabase is up. */
    private static void supabaseAnswers(ResponseDefinitionBuilder answer) {
        SUPABASE.stubFor(SupabaseStub.users().willReturn(answer));
    }

    private void profilesAnswered() {
        SUPABASE.stubFor(SupabaseStub.users().withQueryParam("id", containing(admin.toString()))
                .willReturn(SupabaseStub.profiles(new Profile(admin, null, "Ada", "Admin", "admin", "pro"))));
        SUPABASE.stubFor(SupabaseStub.users().withQueryParam("id", containing(grower.toString()))
                .willReturn(SupabaseStub.profiles(new Profile(grower, null, "Gus", "Grower", "user", "free"))));
    }

    private static void supabaseGoesDown(ResponseDefinitionBuilder answer) {
        SUPABASE.resetAll();
        supabaseAnswers(answer);
    }

    private static Response get(String path, UUID user) {
        return HTTP.target("http://localhost:" + APP.getLocalPort() + "/api/v1" + path).request()
                .header("Authorization", "Bearer " + hs256(user, c -> c)).get();
    }

    private static int status(String path, UUID user) {
        try (Response response = get(path, user)) {
            return response.getStatus();
        }
    }

    private static void assertRoleUnknown(Response response) {
        try (response) {
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("30");
            JsonNode body = response.readEntity(JsonNode.class);
            assertThat(body.get("code").asInt()).isEqualTo(503);
            assertThat(body.get("message").asText()).isEqualTo("cannot check the admin role now, try again");
        }
    }

    private static JsonNode questions(UUID user) {
        try (Response response = get("/stats-fast/questions?limit=5", user)) {
            assertThat(response.getStatus()).isEqualTo(200);
            return response.readEntity(JsonNode.class);
        }
    }

    private static void pastTheGrace() throws InterruptedException {
        Thread.sleep(GRACE_MILLIS + 300);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outages")
    void anAdminNeverSeenGets503NeverA403NorANarrowedPage(String outage, ResponseDefinitionBuilder answer) {
        supabaseGoesDown(answer);

        assertRoleUnknown(get("/stats-fast/dashboard", admin));
        assertRoleUnknown(get("/stats-fast/invitations", admin));
        assertRoleUnknown(get("/stats-fast/questions?limit=5", admin));
        assertRoleUnknown(get("/invitations/stats/global-enhanced", admin));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outages")
    void requestsThatDoNotDependOnTheRoleAreUntouched(String outage, ResponseDefinitionBuilder answer) {
        supabaseGoesDown(answer);

        assertThat(status("/conversations/user/" + admin, admin)).isEqualTo(200);
        assertThat(status("/conversations/user/" + grower, grower)).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outages")
    void aKnownAdminKeepsTheRoleForTheGraceThenGets503(String outage, ResponseDefinitionBuilder answer)
            throws Exception {
        profilesAnswered();
        assertThat(status("/stats-fast/dashboard", admin)).isEqualTo(200);
        assertThat(status("/conversations/user/" + admin, admin)).isEqualTo(200); // a fresh answer, cheaply
        supabaseGoesDown(answer);

        assertThat(status("/stats-fast/dashboard", admin)).isEqualTo(200);
        JsonNode page = questions(admin);
        assertThat(page.at("/meta/user_role").asText()).isEqualTo("admin");
        assertThat(page.at("/pagination/total").asLong()).isPositive();
        pastTheGrace();

        assertRoleUnknown(get("/stats-fast/dashboard", admin));
        assertRoleUnknown(get("/stats-fast/questions?limit=5", admin));
    }

    @Test
    void aKnownPlainUserIsNeverMadeAdminByAStaleAnswer() throws Exception {
        profilesAnswered();
        assertThat(status("/stats-fast/dashboard", grower)).isEqualTo(403);
        supabaseGoesDown(SupabaseStub.postgrestError(503, "PGRST002",
                "Could not query the database for the schema cache. Retrying."));

        assertThat(status("/stats-fast/dashboard", grower)).isEqualTo(403);
        assertThat(questions(grower).at("/meta/user_role").asText()).isEqualTo("user");
        pastTheGrace();

        assertRoleUnknown(get("/stats-fast/dashboard", grower));
    }

    @Test
    void theRoleFollowsSupabaseAgainOnceItAnswers() throws Exception {
        supabaseGoesDown(SupabaseStub.json(503, "{\"message\":\"Service Unavailable\"}"));
        assertRoleUnknown(get("/stats-fast/dashboard", admin));

        SUPABASE.resetAll();
        supabaseAnswers(SupabaseStub.json(200, "[]"));
        profilesAnswered();

        assertThat(status("/stats-fast/dashboard", admin)).isEqualTo(200);
        assertThat(status("/stats-fast/dashboard", grower)).isEqualTo(403);
    }

    @Test
    void whileSupabaseIsUpTheQuestionsPageShowsTheAdminView() {
        profilesAnswered();

        assertThat(questions(admin).at("/meta/user_role").asText()).isEqualTo("admin");
        assertThat(questions(admin).at("/pagination/total").asLong()).isPositive();
        assertThat(questions(grower).at("/pagination/total").asLong()).isZero();
    }
}
