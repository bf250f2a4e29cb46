package com.intelia.expert.doctor;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** doctor against a real PostgreSQL and an OpenAI stub answering as OpenAI documents, each failing check alone. */
class DoctorCommandTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    @RegisterExtension
    static final WireMockExtension OPENAI = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private Map<String, String> environment(TestDatabase database) {
        return OpenAiModels.environment(database, OPENAI);
    }

    private void openAiAccepts() {
        OpenAiModels.accept(OPENAI);
    }

    @Test
    void aHealthySetupPassesEveryCheck() {
        openAiAccepts();

        CliRunner.Result result = CliRunner.run(environment(DATABASE), "doctor", "config.yml");

        assertThat(result.success()).as(result.output()).isTrue();
        assertThat(result.stdout()).contains("ok    configuration", "ok    postgresql", "ok    migrations",
                "skip  read node: POSTGRES_READ_HOST is not set", "skip  supabase: SUPABASE_URL is not set",
                "ok    orphan user_ids: 0 among 0 user_ids",
                "ok    openai: key accepted", "No check failed: 9 ok, 2 skipped of 11").doesNotContain("FAIL").doesNotContain(OpenAiModels.KEY);
        OPENAI.verify(1, getRequestedFor(urlEqualTo("/v1/models")));
    }

    @Test
    void aRejectedOpenAiKeyFailsWithTheRemedy() {
        OPENAI.stubFor(get("/v1/models").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided: sk-test-***cdef.\","
                        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")));

        CliRunner.Result result = CliRunner.run(environment(DATABASE), "doctor", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.stdout()).contains("FAIL  openai: OpenAI rejected OPENAI_API_KEY (401). Remedy: create a new key");
        assertThat(result.output()).contains("1 of 11 checks failed").doesNotContain(OpenAiModels.KEY);
    }

    @Test
    void pendingMigrationsFailWithTheMigrateRemedy() {
        openAiAccepts();
        TestDatabase empty = TestDatabase.empty();

        CliRunner.Result result = CliRunner.run(environment(empty), "doctor", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.stdout()).containsPattern("FAIL  migrations: \\d+ pending migration\\(s\\), conversations lacks id")
                .contains("db migrate config.yml")
                .contains("skip  orphan user_ids: the schema is not up to date (see migrations)");
    }

    @Test
    void anUnreachableDatabaseFailsAndSkipsTheSchemaCheck() throws Exception {
        openAiAccepts();
        Map<String, String> env = environment(DATABASE);
        try (ServerSocket unused = new ServerSocket(0)) {
            env.put("POSTGRES_PORT", Integer.toString(unused.getLocalPort() + 1));
        }

        CliRunner.Result result = CliRunner.run(env, "doctor", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.stdout()).contains("FAIL  postgresql", "Remedy: check POSTGRES_HOST",
                "skip  migrations: PostgreSQL is not reachable",
                "skip  orphan user_ids: PostgreSQL is not reachable");
        assertThat(result.stdout() + result.stderr()).as("one line per check, no pool ERROR or stack trace")
                .doesNotContain("ERROR", "Exception", "\n! ");
    }

    @Test
    void aHostNameThatDoesNotResolveIsNamedAsSuch() {
        openAiAccepts();
        Map<String, String> env = environment(DATABASE);
        env.put("POSTGRES_HOST", "no-such-host.invalid");

        CliRunner.Result result = CliRunner.run(env, "doctor", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.stdout()).contains("FAIL  postgresql: PostgreSQL at no-such-host.invalid:",
                "the host name does not resolve");
        assertThat(result.stdout() + result.stderr()).doesNotContain("ERROR", "Exception", "\n! ");
    }

    @Test
    void anIncompleteProductionEnvironmentIsReportedNotRefused() {
        openAiAccepts();
        Map<String, String> env = environment(DATABASE);
        env.put("ENVIRONMENT", "production");

        CliRunner.Result result = CliRunner.run(env, "doctor", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.stdout()).contains("FAIL  configuration: ", "SUPABASE_URL is missing", "JWT_SECRET is missing",
                "ok    postgresql", "FAIL  supabase: SUPABASE_URL is not set. Remedy: set SUPABASE_URL",
                "FAIL  orphan user_ids: could not be checked: SUPABASE_URL is not set");
    }

    @Test
    void anInstanceThatDoesNotAnswerFails() throws Exception {
        openAiAccepts();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        CliRunner.Result result = CliRunner.run(environment(DATABASE), "doctor", "config.yml",
                "--health-url", "http://localhost:" + port + "/api/health");

        assertThat(result.success()).isFalse();
        assertThat(result.stdout()).contains("FAIL  health http://localhost:" + port + "/api/health: no answer");
    }
}
