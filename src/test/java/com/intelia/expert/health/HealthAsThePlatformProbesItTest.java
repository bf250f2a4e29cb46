package com.intelia.expert.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.SupabaseStub;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api/health as App Platform's readiness probe calls it (1 s timeout): it answers at once whatever Supabase does
 * (probed in the background, degraded at worst), and a pool busy with slow requests does not make it, or the admin
 * port's /healthcheck, wait for a connection or blame PostgreSQL.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HealthAsThePlatformProbesItTest {

    /** Started before the application, which reads its URL at start. */
    private static final WireMockServer SUPABASE = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        SUPABASE.start();
        // every probe of Supabase takes 3 s, past its read timeout
        SUPABASE.stubFor(SupabaseStub.users().withQueryParam("limit", equalTo("1"))
                .willReturn(SupabaseStub.json(200, "[]").withFixedDelay(3_000)));
    }

    @AfterAll
    static void stopSupabase() {
        SUPABASE.stop();
    }

    private static final int POOL_SIZE = 2;
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        all.add(ConfigOverride.config("supabase.url", SUPABASE.baseUrl()));
        all.add(ConfigOverride.config("supabase.key", SupabaseStub.ANON_KEY));
        all.add(ConfigOverride.config("supabase.serviceKey", SupabaseStub.SERVICE_KEY));
        all.add(ConfigOverride.config("supabase.readTimeout", "1s"));
        all.add(ConfigOverride.config("supabase.healthProbeInterval", "500ms"));
        all.add(ConfigOverride.config("postgres.maxPoolSize", Integer.toString(POOL_SIZE)));
        return all.toArray(new ConfigOverride[0]);
    }

    private record Timed(int status, JsonNode body, long millis) {
    }

    private static Timed health() throws Exception {
        return get(APP.getLocalPort(), "/api/health");
    }

    /** Dropwizard's checks on the admin port: every registered health check, run at each request. */
    private static Timed adminHealthcheck() throws Exception {
        return get(APP.getAdminPort(), "/healthcheck");
    }

    private static Timed get(int port, String path) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + port + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Timed(response.statusCode(), JSON.readTree(response.body()),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void aSlowSupabaseLeavesHealthAnsweringAtOnceAsDegraded() throws Exception {
        health(); // the first request of a cold JVM
        List<Long> latencies = new ArrayList<>();
        Timed last = health();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!"degraded".equals(last.body().get("status").asText()) && System.nanoTime() < deadline) {
            assertThat(last.status()).as(last.body().toString()).isEqualTo(200);
            latencies.add(last.millis());
            Thread.sleep(200);
            last = health();
        }
        latencies.add(last.millis());

        assertThat(last.status()).isEqualTo(200);
        assertThat(last.body().get("status").asText()).as(last.body().toString()).isEqualTo("degraded");
        JsonNode supabase = last.body().at("/databases/supabase");
        assertThat(supabase.get("status").asText()).isEqualTo("unhealthy");
        assertThat(supabase.get("error").asText()).contains("unreachable");
        assertThat(supabase.get("age_ms").asLong()).isBetween(0L, 5_000L);
        assertThat(supabase.get("checked_at").asText()).isNotBlank();
        assertThat(last.body().at("/databases/postgresql/status").asText()).isEqualTo("healthy");
        assertThat(latencies).as("every health answer while Supabase takes 3 s, in ms").allMatch(ms -> ms < 500);
    }

    @Test
    void aPoolBusyWithSlowRequestsLeavesHealthHealthy() throws Exception {
        UUID user = UUID.randomUUID();
        String token = TestTokens.hs256(user, claims -> claims);
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        List<Timed> during = new ArrayList<>();
        List<Timed> adminDuring = new ArrayList<>();
        try (Connection locker = DATABASE.dataSource().getConnection()) {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                // every request that reads conversations now waits for this lock, holding its pooled connection
                statement.execute("LOCK TABLE conversations IN ACCESS EXCLUSIVE MODE");
            }
            for (int i = 0; i < 4 * POOL_SIZE; i++) {
                slow.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort()
                                + "/api/v1/conversations/user/" + user)).header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()));
            }
            // held past the statement timeout and the pool's wait (1 s each): requests give up with 503 meanwhile
            for (int i = 0; i < 6; i++) {
                Thread.sleep(300);
                during.add(health());
                adminDuring.add(adminHealthcheck());
            }
            locker.rollback();
        }

        List<Integer> slowStatuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> request : slow) {
            slowStatuses.add(request.join().statusCode());
        }
        assertThat(slowStatuses).as("the slow requests held every pooled connection, then gave up")
                .contains(503);
        for (Timed health : during) {
            assertThat(health.status()).as(health.body().toString()).isEqualTo(200);
            assertThat(health.body().at("/databases/postgresql/status").asText()).isEqualTo("healthy");
            assertThat(health.millis()).as("health while the pool is busy, in ms").isLessThan(500);
        }
        for (Timed checks : adminDuring) {
            assertThat(checks.body().at("/postgresql/healthy").asBoolean()).as(checks.body().toString()).isTrue();
            assertThat(checks.millis()).as("/healthcheck while the pool is busy, in ms").isLessThan(500);
        }
    }

    @Test
    void noHealthCheckBorrowsAPooledConnection() throws Exception {
        // the Jdbis' own checks (dropwizard-jdbi3 registers one per Jdbi) would wait on the pool: db/Jdbis removes them
        assertThat(APP.getEnvironment().healthChecks().getNames()).containsExactly("deadlocks", "postgresql",
                "supabase");
        assertThat(adminHealthcheck().body().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("deadlocks", "postgresql", "supabase");
    }
}
