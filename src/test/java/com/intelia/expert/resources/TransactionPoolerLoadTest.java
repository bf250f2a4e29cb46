package com.intelia.expert.resources;

import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import com.intelia.expert.support.TestPgBouncer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real application behind a real PgBouncer in transaction mode (DigitalOcean's pooler): a mixed
 * concurrent load of saves, lists, feedback, admin statistics and invitations must see no error. The same
 * load with POSTGRES_POOL_MODE=session shows that the test can fail: server-side prepared statements
 * end up on server connections that other clients then use.
 */
class TransactionPoolerLoadTest {

    private static final int THREADS = 8;
    private static final int REQUESTS_PER_THREAD = 120;
    private static final UUID ADMIN = UUID.randomUUID();

    private static TestPgBouncer pgBouncer;
    private static TestDatabase database;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private DropwizardTestSupport<ExpertConfiguration> app;

    @BeforeAll
    static void startPgBouncer() {
        pgBouncer = TestPgBouncer.startOrSkip();
        database = TestDatabase.migrated();
        Services.localDirectory(database.dataSource())
                .save(new Profile(ADMIN, "admin@intelia.com", "Ada", "Admin", "admin", null));
    }

    @AfterAll
    static void stopPgBouncer() {
        if (pgBouncer != null) {
            pgBouncer.close();
        }
    }

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.after();
        }
    }

    private void startApp(String poolMode) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>();
        overrides.add(ConfigOverride.config("postgres.host", "127.0.0.1"));
        overrides.add(ConfigOverride.config("postgres.port", Integer.toString(pgBouncer.port())));
        overrides.add(ConfigOverride.config("postgres.database", database.name()));
        overrides.add(ConfigOverride.config("postgres.user", "postgres"));
        overrides.add(ConfigOverride.config("postgres.password", "unused"));
        overrides.add(ConfigOverride.config("postgres.sslMode", "disable"));
        overrides.add(ConfigOverride.config("server.applicationConnectors[0].port", "0"));
        overrides.add(ConfigOverride.config("server.adminConnectors[0].port", "0"));
        overrides.add(ConfigOverride.config("postgres.poolMode", poolMode));
        overrides.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        overrides.add(ConfigOverride.config("secretKey", TestTokens.SECRET + "-invitations"));
        overrides.add(ConfigOverride.config("stats.dashboardCacheTtl", "0s"));
        app = new DropwizardTestSupport<>(ExpertApplication.class, "config.yml", overrides.toArray(new ConfigOverride[0]));
        app.before();
    }

    @Test
    void transactionModeServesAMixedConcurrentLoadWithoutAnError() throws Exception {
        startApp("transaction");

        long before = (Long) database.value("SELECT count(*) FROM conversations");

        List<String> errors = runLoad();

        assertThat(errors).as("errors through the transaction pooler; pgbouncer said:%n%s", pgBouncer.log()).isEmpty();
        assertThat(database.value("SELECT count(*) FROM conversations"))
                .isEqualTo(before + THREADS * REQUESTS_PER_THREAD / 6);
    }

    @Test
    void sessionModeThroughTheTransactionPoolerFails() throws Exception {
        startApp("session");

        List<String> errors = runLoad();

        assertThat(errors).as("session mode through a transaction pooler should break prepared statements").isNotEmpty();
    }

    /** Every request that was not answered 2xx, as "status method path: body". */
    private List<String> runLoad() throws Exception {
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                running.add(threads.submit(() -> {
                    oneUser(thread, errors);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return errors;
    }

    private void oneUser(int thread, List<String> errors) throws Exception {
        UUID user = UUID.randomUUID();
        String token = TestTokens.hs256(user, c -> c);
        String admin = TestTokens.hs256(ADMIN, c -> c);
        UUID conversation = null;
        for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
            HttpRequest request = switch (i % 6) {
                case 0 -> {
                    conversation = UUID.randomUUID();
                    yield post(token, "/conversations/save", "{\"conversation_id\":\"" + conversation + "\",\"user_id\":\""
                            + user + "\",\"question\":\"Weight at day " + i + "?\",\"response\":\"About 2.2 kg.\","
                            + "\"metadata\":{\"response_source\":\"rag\",\"language\":\"en\"}}");
                }
                case 1 -> get(token, "/conversations/user/" + user + "?limit=10");
                case 2 -> post(token, "/conversations/" + conversation + "/feedback",
                        "{\"rating\":" + (i % 4 == 2 ? 1 : -1) + ",\"comment\":\"thread " + thread + "\"}");
                case 3 -> get(admin, "/stats-fast/dashboard?range=week");
                case 4 -> get(admin, "/stats-fast/questions?limit=20&page=" + (1 + i % 3));
                default -> post(token, "/invitations", "{\"invited_email\":\"friend-" + thread + "-" + i
                        + "@example.com\"}");
            };
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    errors.add(response.statusCode() + " " + request.method() + " " + request.uri().getPath() + ": "
                            + response.body());
                }
            } catch (java.io.IOException e) {
                errors.add("no answer " + request.method() + " " + request.uri().getPath() + ": " + e);
            }
        }
    }

    private HttpRequest post(String token, String path, String json) {
        return request(token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest get(String token, String path) {
        return request(token, path).GET().build();
    }

    private HttpRequest.Builder request(String token, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
    }
}
