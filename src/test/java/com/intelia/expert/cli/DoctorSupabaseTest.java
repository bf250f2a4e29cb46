package com.intelia.expert.cli;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
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
        assertThat(result.output()).contains("2 of 10 checks failed");
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
        assertThat(result.output()).contains("1 of 10 checks failed");
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
        assertThat(result.output()).contains("1 of 10 checks failed");
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
}
