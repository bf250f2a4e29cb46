package com.intelia.expert.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.migrations.DatabaseMigrator;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real application on a PostgreSQL of its own that the test freezes (SIGSTOP on every PostgreSQL process, as a
 * hung host or a stalled disk would), restarts connections of (57P01, as a managed cluster's restart or failover
 * does), and holds locks on: every endpoint kind (a read, a write, a task) answers 503 JSON with Retry-After within
 * about 2 s instead of hanging or answering 500, and works again once PostgreSQL does, without a restart.
 */
class DatabaseUnavailableTest {

    private static final String SECRET = "unavailable-test-secret-0123456789abcdefgh";
    /** The brief's "about 2 s", with room for a loaded machine. */
    private static final long ANSWER_WITHIN_MILLIS = 2_500;

    private static Path dataDirectory;
    private static EmbeddedPostgres postgres;
    private static DropwizardTestSupport<ExpertConfiguration> app;
    private static Client client;
    private static final UUID USER = UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        dataDirectory = Files.createTempDirectory("unavailable-pg-");
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(true).start();
        DatabaseMigrator.migrate(postgres.getPostgresDatabase());
        app = new DropwizardTestSupport<>(ExpertApplication.class, "config.yml",
                ConfigOverride.config("postgres.host", "localhost"),
                ConfigOverride.config("postgres.port", Integer.toString(postgres.getPort())),
                ConfigOverride.config("postgres.database", "postgres"),
                ConfigOverride.config("postgres.user", "postgres"),
                ConfigOverride.config("postgres.sslMode", "disable"),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("jwtSecret", SECRET));
        app.before();
        client = ClientBuilder.newClient().property(ClientProperties.READ_TIMEOUT, 20_000)
                .property(ClientProperties.CONNECT_TIMEOUT, 5_000);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            resume();
        } finally {
            if (client != null) {
                client.close();
            }
            if (app != null) {
                app.after();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @AfterEach
    void thaw() throws Exception {
        resume();
        awaitHealthy();
    }

    @Test
    void aFrozenPostgresqlMakesReadsWritesAndTasksAnswer503QuicklyThenTheyRecover() throws Exception {
        assertOk(read());
        assertOk(save());
        assertOk(task());

        freeze();
        try {
            assertUnavailableQuickly("a read", this::read);
            assertUnavailableQuickly("a write", this::save);
            assertUnavailableQuickly("a task", this::task);
            long started = System.nanoTime();
            try (Response health = health()) {
                assertThat(health.getStatus()).isEqualTo(503);
            }
            assertThat(millisSince(started)).as("health").isLessThan(ANSWER_WITHIN_MILLIS);
        } finally {
            resume();
        }

        awaitHealthy();
        assertOk(read());
        assertOk(save());
        assertOk(task());
    }

    @Test
    void connectionsTerminatedByARestartOrFailoverAnswer503NotA500() throws Exception {
        assertOk(read());
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            terminateTheServicesConnections();
            for (Supplier<Response> call : List.<Supplier<Response>>of(this::read, this::save, this::task)) {
                try (Response response = call.get()) {
                    statuses.add(response.getStatus());
                    if (response.getStatus() == 503) {
                        assertRetryJson(response);
                    }
                }
            }
        }
        assertThat(statuses).as("each request works on a fresh connection or asks to retry").allMatch(s -> s == 200 || s == 503);
    }

    @Test
    void anApiStatementStuckBehindALockIsCancelledAnd503ButATaskWaitsForIt() throws Exception {
        assertOk(save());
        try (Connection locker = postgres.getPostgresDatabase().getConnection();
             Statement statement = locker.createStatement()) {
            locker.setAutoCommit(false);
            statement.execute("LOCK TABLE conversations IN ACCESS EXCLUSIVE MODE");

            assertUnavailableQuickly("a write behind a lock", this::save);
            assertUnavailableQuickly("a read behind a lock", this::read);
            CompletableFuture<Integer> audit = CompletableFuture.supplyAsync(() -> {
                try (Response response = task()) {
                    return response.getStatus();
                }
            });
            Thread.sleep(3_000);
            assertThat(audit).as("an admin task has no statement timeout: it waits for the lock").isNotDone();
            locker.rollback();
            assertThat(audit.get(20, TimeUnit.SECONDS)).isEqualTo(200);
        }
        assertOk(save());
    }

    private void assertUnavailableQuickly(String what, Supplier<Response> call) {
        long started = System.nanoTime();
        try (Response response = call.get()) {
            long took = millisSince(started);
            assertThat(response.getStatus()).as(what).isEqualTo(503);
            assertRetryJson(response);
            assertThat(took).as(what + " answered within, ms").isLessThan(ANSWER_WITHIN_MILLIS);
        }
    }

    private static void assertRetryJson(Response response) {
        assertThat(response.getHeaderString("Retry-After")).isNotBlank();
        assertThat(response.getMediaType().toString()).startsWith("application/json");
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(body.get("code").asInt()).isEqualTo(503);
        assertThat(body.get("message").asText()).containsAnyOf("try again", "run it again");
    }

    private static void assertOk(Response response) {
        try (response) {
            assertThat(response.getStatus()).as(response.readEntity(String.class)).isEqualTo(200);
        }
    }

    private Response read() {
        return client.target("http://localhost:" + app.getLocalPort() + "/api/v1/stats-fast/questions?limit=5")
                .request().header("Authorization", "Bearer " + token()).get();
    }

    private Response save() {
        String body = "{\"conversation_id\":\"" + UUID.randomUUID() + "\",\"user_id\":\"" + USER
                + "\",\"question\":\"Q\",\"response\":\"A\"}";
        return client.target("http://localhost:" + app.getLocalPort() + "/api/v1/conversations/save").request()
                .header("Authorization", "Bearer " + token()).post(Entity.json(body));
    }

    private Response task() {
        return client.target("http://127.0.0.1:" + app.getAdminPort() + "/tasks/user-id-audit").request()
                .post(Entity.text(""));
    }

    private static Response health() {
        return client.target("http://localhost:" + app.getLocalPort() + "/api/health").request().get();
    }

    private static String token() {
        try {
            Instant now = Instant.now();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                    .subject(USER.toString()).audience("authenticated").issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(600))).build());
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitHealthy() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Response health = health()) {
                if (health.getStatus() == 200) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("PostgreSQL did not become healthy again within 20 s");
    }

    private static void terminateTheServicesConnections() throws Exception {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'intelia-expert'");
        }
    }

    /** SIGSTOP on the postmaster and every process it started: PostgreSQL accepts TCP connections and says nothing. */
    private static void freeze() throws Exception {
        signal("STOP");
    }

    private static void resume() throws Exception {
        signal("CONT");
    }

    private static void signal(String signal) throws IOException, InterruptedException {
        if (postgres == null) {
            return;
        }
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        StringBuilder pids = new StringBuilder(Long.toString(postmaster));
        ProcessHandle.of(postmaster).ifPresent(process -> process.descendants()
                .forEach(child -> pids.append(' ').append(child.pid())));
        Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + pids).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
