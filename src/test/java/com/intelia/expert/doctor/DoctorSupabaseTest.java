package com.intelia.expert.doctor;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestDatabase;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * doctor's Supabase and orphan checks: a real PostgreSQL, and Supabase as a WireMock server answering as PostgREST
 * and Supabase's gateway document (supabase.md). No OpenAI key: that check is skipped outside production.
 */
class DoctorSupabaseTest {

    private static final String ANON_KEY = "anon-key-for-doctor-tests";
    private static final String SERVICE_KEY = "service-key-for-doctor-tests";

    @RegisterExtension
    static final WireMockExtension SUPABASE = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TestDatabase database = TestDatabase.migrated();

    private Map<String, String> environment(String supabaseUrl) {
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("SUPABASE_URL", supabaseUrl);
        env.put("SUPABASE_KEY", ANON_KEY);
        env.put("SUPABASE_SERVICE_KEY", SERVICE_KEY);
        return env;
    }

    private UUID userWithConversations() {
        UUID user = UUID.randomUUID();
        database.execute("INSERT INTO conversations (session_id, user_id, question, response)"
                + " VALUES ('s-" + user + "', '" + user + "', 'Q', 'A')");
        return user;
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String row(UUID id) {
        return "{\"id\":\"" + id + "\",\"email\":\"" + id.toString().substring(0, 8) + "@ferme.fr\","
                + "\"first_name\":\"Marie\",\"last_name\":\"Dupont\",\"user_type\":\"user\",\"plan\":\"free\"}";
    }

    /** The health probe, {@code select=id&limit=1}, answered 200 with at most one row. */
    private static void probeAnswers(String key, ResponseDefinitionBuilder answer) {
        SUPABASE.stubFor(get(urlPathEqualTo("/rest/v1/users")).withQueryParam("limit", equalTo("1"))
                .withHeader("apikey", equalTo(key)).willReturn(answer));
    }

    /** Profiles by id: {@code id=in.(...)} answered with the rows of the given ids only. */
    private static void profilesAre(UUID... existing) {
        StringBuilder rows = new StringBuilder("[");
        for (UUID id : existing) {
            rows.append(rows.length() > 1 ? "," : "").append(row(id));
        }
        SUPABASE.stubFor(get(urlPathEqualTo("/rest/v1/users")).withQueryParam("id", containing("in.("))
                .withHeader("apikey", equalTo(SERVICE_KEY)).willReturn(json(200, rows.append("]").toString())));
    }

    @Test
    void supabaseUpWithEveryProfilePresentPasses() {
        UUID user = userWithConversations();
        probeAnswers(SERVICE_KEY, json(200, "[{\"id\":\"" + user + "\"}]"));
        probeAnswers(ANON_KEY, json(200, "[]"));
        profilesAre(user);

        CliRunner.Result result = CliRunner.run(environment(SUPABASE.baseUrl()), "doctor", "config.yml");

        assertThat(result.success()).as(result.output()).isTrue();
        assertThat(result.stdout())
                .containsPattern("ok    supabase: " + SUPABASE.baseUrl() + " answered in [0-9.]+ ms, SUPABASE_SERVICE_KEY"
                        + " and SUPABASE_KEY accepted, public.users present")
                .contains("ok    orphan user_ids: 0 among 1 user_ids with conversations")
                .doesNotContain(ANON_KEY).doesNotContain(SERVICE_KEY);
        for (String key : new String[] {SERVICE_KEY, ANON_KEY}) {
            SUPABASE.verify(1, getRequestedFor(urlPathEqualTo("/rest/v1/users")).withQueryParam("limit", equalTo("1"))
                    .withHeader("apikey", equalTo(key)).withHeader("Authorization", equalTo("Bearer " + key)));
        }
    }

    @Test
    void supabaseDownFailsAndOrphansCannotBeCounted() throws Exception {
        userWithConversations();
        String closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = "http://localhost:" + socket.getLocalPort();
        }

        CliRunner.Result result = CliRunner.run(environment(closed), "doctor", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.stdout())
                .contains("FAIL  supabase: " + closed + " with SUPABASE_SERVICE_KEY: Supabase unreachable: connection"
                        + " refused by " + closed + ". Remedy: check SUPABASE_URL and that this host can reach Supabase")
                .contains("FAIL  orphan user_ids: could not be checked: the user directory did not answer for 1 of 1"
                        + " user_ids (connection refused by " + closed + "). Remedy: make the supabase check pass")
                .doesNotContainPattern("orphan user_ids: \\d+ of");
        assertThat(result.output()).contains("2 of 11 checks failed");
    }

    @Test
    void aKeyRefusedByTheGatewayNamesTheKeyAndTheSettingToCheck() {
        UUID user = userWithConversations();
        probeAnswers(SERVICE_KEY, json(200, "[]"));
        probeAnswers(ANON_KEY, json(401, "{\"message\":\"Invalid API key\","
                + "\"hint\":\"Double check your Supabase `anon` or `service_role` API key.\"}"));
        profilesAre(user);

        CliRunner.Result result = CliRunner.run(environment(SUPABASE.baseUrl()), "doctor", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.stdout())
                .contains("FAIL  supabase: " + SUPABASE.baseUrl() + " with SUPABASE_KEY: API key rejected (401 Invalid"
                        + " API key). Remedy: check SUPABASE_KEY / SUPABASE_SERVICE_KEY")
                .contains("ok    orphan user_ids: 0 among 1")
                .doesNotContain(ANON_KEY).doesNotContain(SERVICE_KEY);
        assertThat(result.output()).contains("1 of 11 checks failed");
    }

    @Test
    void aMissingUsersTableSaysToApplyTheSchema() {
        userWithConversations();
        SUPABASE.stubFor(get(urlPathEqualTo("/rest/v1/users")).willReturn(json(404, "{\"code\":\"PGRST205\","
                + "\"details\":null,\"hint\":null,\"message\":\"Could not find the table 'public.users' in the schema cache\"}")));

        CliRunner.Result result = CliRunner.run(environment(SUPABASE.baseUrl()), "doctor", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.stdout())
                .contains("FAIL  supabase: " + SUPABASE.baseUrl() + " with SUPABASE_SERVICE_KEY: table public.users is"
                        + " missing (404 PGRST205). Remedy: apply the Supabase schema (public.users)")
                .contains("FAIL  orphan user_ids: could not be checked: the user directory did not answer for 1 of 1");
    }

    @Test
    void orphansAreCountedWithTheRepairToMake() {
        UUID known = userWithConversations();
        userWithConversations();
        userWithConversations();
        probeAnswers(SERVICE_KEY, json(200, "[]"));
        probeAnswers(ANON_KEY, json(200, "[]"));
        profilesAre(known);

        CliRunner.Result result = CliRunner.run(environment(SUPABASE.baseUrl()), "doctor", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.stdout()).contains("ok    supabase: ")
                .contains("FAIL  orphan user_ids: 2 of 3 user_ids with conversations have no profile. Remedy:"
                        + " POST /tasks/user-id-audit on the admin port, then fix-user-id (option A) or"
                        + " create-supabase-user (option B)");
        assertThat(result.output()).contains("1 of 11 checks failed");
    }

    @Test
    void withoutSupabaseOutsideProductionTheLocalDirectoryIsAudited() {
        UUID known = userWithConversations();
        userWithConversations();
        database.execute("INSERT INTO local_user_profiles (id, email, first_name, last_name, user_type)"
                + " VALUES ('" + known + "', 'known@ferme.fr', 'K', 'N', 'user')");

        CliRunner.Result result = CliRunner.run(database.environment(), "doctor", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.stdout())
                .contains("skip  supabase: SUPABASE_URL is not set: profiles come from the local directory")
                .contains("FAIL  orphan user_ids: 1 of 2 user_ids with conversations have no profile");
    }

    /** A legacy Supabase API key: a JWT with iss supabase and the role, ten years long (its signature is not checked). */
    private static String legacyKey(String role) {
        Instant now = Instant.now();
        return TestTokens.hs256("legacy-project-jwt-secret-0123456789-abcdef".getBytes(StandardCharsets.UTF_8),
                new JWTClaimsSet.Builder().issuer("supabase").claim("ref", "abcd").claim("role", role)
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofDays(3650)))).build());
    }

    /** Supabase as it answers a key: the probe 200, and profiles by id as row-level security lets this key see them. */
    private static void supabaseAnswers(String key, String profileRows) {
        probeAnswers(key, json(200, "[]"));
        SUPABASE.stubFor(get(urlPathEqualTo("/rest/v1/users")).withQueryParam("id", containing("in.("))
                .withHeader("apikey", equalTo(key)).willReturn(json(200, profileRows)));
    }

    private CliRunner.Result doctorWith(String anonKey, String serviceKey) {
        Map<String, String> env = environment(SUPABASE.baseUrl());
        env.put("SUPABASE_KEY", anonKey);
        env.put("SUPABASE_SERVICE_KEY", serviceKey);
        return CliRunner.run(env, "doctor", "config.yml");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"publishable", "legacy anon"})
    void aPublicKeyAsServiceKeyIsOneProblemAndNoRepairIsProposed(String kind) {
        String anon = kind.equals("publishable") ? "sb_publishable_Ha7Lq2ZxC5vN0pR3sD9e" : legacyKey("anon");
        userWithConversations();
        supabaseAnswers(anon, "[]"); // row-level security hides the existing profile from a public key

        CliRunner.Result result = doctorWith(anon, anon);

        assertThat(result.success()).isFalse();
        assertThat(result.stdout())
                .contains("FAIL  configuration: SUPABASE_SERVICE_KEY holds " + (kind.equals("publishable")
                        ? "a publishable key (sb_publishable_...)" : "the legacy anon key (a JWT with role anon)")
                        + ", not a secret key")
                .contains("set it to the project's secret key (sb_secret_...) or its legacy service_role key")
                .contains("skip  orphan user_ids: not counted: profiles are read with SUPABASE_SERVICE_KEY")
                .doesNotContain("have no profile").doesNotContain("fix-user-id").doesNotContain("create-supabase-user")
                .doesNotContain(anon);
        assertThat(result.output()).contains("1 of 11 checks failed");
        SUPABASE.verify(0, getRequestedFor(urlPathEqualTo("/rest/v1/users")).withQueryParam("id", containing("in.(")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"secret", "legacy service_role"})
    void aServiceKeyOfEitherKindCountsOrphans(String kind) {
        String anon = kind.equals("secret") ? "sb_publishable_Ha7Lq2ZxC5vN0pR3sD9e" : legacyKey("anon");
        String service = kind.equals("secret") ? "sb_secret_Jk3v9QmXw2TtR8yB1cLp4" : legacyKey("service_role");
        UUID known = userWithConversations();
        userWithConversations();
        supabaseAnswers(anon, "[]");
        supabaseAnswers(service, "[" + row(known) + "]");

        CliRunner.Result result = doctorWith(anon, service);

        assertThat(result.stdout()).contains("ok    configuration")
                .contains("ok    supabase: ")
                .contains("FAIL  orphan user_ids: 1 of 2 user_ids with conversations have no profile")
                .doesNotContain(service).doesNotContain(anon);
        assertThat(result.output()).contains("1 of 11 checks failed");
    }

    @Test
    void withOnlyTheAnonKeyOutsideProductionOrphansAreNotCounted() {
        String anon = legacyKey("anon");
        userWithConversations();
        supabaseAnswers(anon, "[]");
        Map<String, String> env = environment(SUPABASE.baseUrl());
        env.put("SUPABASE_KEY", anon);
        env.remove("SUPABASE_SERVICE_KEY");

        CliRunner.Result result = CliRunner.run(env, "doctor", "config.yml");

        assertThat(result.stdout())
                .contains("skip  orphan user_ids: not counted: profiles are read with SUPABASE_KEY, the legacy anon key")
                .contains("set SUPABASE_SERVICE_KEY to the project's secret key")
                .doesNotContain("have no profile");
    }
}
