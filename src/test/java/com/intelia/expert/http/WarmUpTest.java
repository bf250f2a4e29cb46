package com.intelia.expert.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.Pause;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new instance warms its request path up before health says ready: App Platform's readiness check, polling
 * /api/health from the moment the port opens, sees 503 with {@code "starting": true} and only then 200; the warm-up
 * reached the save and chat-list methods with an accepted token (their timers count its requests) and wrote nothing.
 */
class WarmUpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private record Answer(int status, JsonNode body) {
    }

    @Test
    void healthSaysStartingUntilTheWarmUpHasRunAndTheWarmUpWritesNothing() throws Exception {
        TestDatabase database = TestDatabase.migrated();
        int port = Pause.freePort();
        DropwizardTestSupport<ExpertConfiguration> app = new DropwizardTestSupport<>(ExpertApplication.class,
                "config.yml", overrides(database, port, "3"));
        AtomicBoolean started = new AtomicBoolean();
        CompletableFuture<List<Answer>> probe = CompletableFuture.supplyAsync(() -> pollHealth(port, started));
        try {
            app.before();
            started.set(true);
            List<Answer> seen = probe.get();

            assertThat(app.getLocalPort()).isEqualTo(port);
            assertThat(seen).as("answers before the server was started").isNotEmpty();
            assertThat(seen.get(0).status()).as(seen.get(0).body().toString()).isEqualTo(503);
            assertThat(seen.get(0).body().path("starting").asBoolean()).isTrue();
            assertThat(seen.get(0).body().path("status").asText()).isEqualTo("unhealthy");
            Answer ready = health(port);
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body().has("starting")).as("absent once ready").isFalse();
            assertThat(calls(app, ConversationTimers.SAVE))
                    .as("saves that passed authentication and reached the method").isEqualTo(3 * WarmUp.PARALLEL);
            assertThat(calls(app, ConversationTimers.LIST)).isEqualTo(3 * WarmUp.PARALLEL);
            assertThat(database.value("SELECT count(*) FROM conversations")).isEqualTo(0L);
        } finally {
            started.set(true);
            app.after();
        }
        // its token has no e-mail claim: the recorder (written in the background, flushed when the server stops)
        // keeps no address for the made-up user
        assertThat(database.value("SELECT count(*) FROM user_email_claims")).isEqualTo(0L);
    }

    @Test
    void whenTokensMustCarryAnIssuerTheWarmUpsTokensCarryIt() throws Exception {
        TestDatabase database = TestDatabase.migrated();
        List<ConfigOverride> overrides = new ArrayList<>(List.of(overrides(database, 0, "1")));
        overrides.add(ConfigOverride.config("auth.issuer", "https://abcd.supabase.co/auth/v1"));
        DropwizardTestSupport<ExpertConfiguration> app = new DropwizardTestSupport<>(ExpertApplication.class,
                "config.yml", overrides.toArray(new ConfigOverride[0]));
        try {
            app.before();

            assertThat(calls(app, ConversationTimers.SAVE))
                    .as("saves that passed authentication and reached the method").isEqualTo(WarmUp.PARALLEL);
            assertThat(calls(app, ConversationTimers.LIST)).isEqualTo(WarmUp.PARALLEL);
        } finally {
            app.after();
        }
    }

    @Test
    void withNoRoundsTheInstanceIsReadyAtOnceAndSendsItselfNothing() throws Exception {
        TestDatabase database = TestDatabase.migrated();
        DropwizardTestSupport<ExpertConfiguration> app = new DropwizardTestSupport<>(ExpertApplication.class,
                "config.yml", overrides(database, 0, "0"));
        try {
            app.before();

            assertThat(health(app.getLocalPort()).status()).isEqualTo(200);
            assertThat(calls(app, ConversationTimers.SAVE)).isZero();
        } finally {
            app.after();
        }
    }

    /** The names Dropwizard gives the @Timed resource methods' timers. */
    private static final class ConversationTimers {
        static final String SAVE = "com.intelia.expert.resources.ConversationResource.save";
        static final String LIST = "com.intelia.expert.resources.ConversationResource.list";
    }

    private static ConfigOverride[] overrides(TestDatabase database, int port, String rounds) {
        // not database.configOverrides(), which sets the connector's port too
        List<ConfigOverride> all = new ArrayList<>(database.postgresOverrides());
        all.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        all.add(ConfigOverride.config("server.applicationConnectors[0].port", Integer.toString(port)));
        all.add(ConfigOverride.config("server.adminConnectors[0].port", "0"));
        all.add(ConfigOverride.config("warmUp.rounds", rounds));
        return all.toArray(new ConfigOverride[0]);
    }

    /** Every answer of /api/health from the port's opening until started is set, polled every 5 ms. */
    private static List<Answer> pollHealth(int port, AtomicBoolean started) {
        List<Answer> answers = new ArrayList<>();
        while (!started.get()) {
            try {
                answers.add(health(port));
            } catch (IOException notListeningYet) {
                // the connector has not opened yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answers;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answers;
            }
        }
        return answers;
    }

    private static Answer health(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/health")).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    /** The calls a resource method's timer counted (what /metrics shows as its _count). */
    private static long calls(DropwizardTestSupport<ExpertConfiguration> app, String timer) {
        return app.getEnvironment().metrics().timer(timer).getCount();
    }
}
