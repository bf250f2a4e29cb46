package com.intelia.expert.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.migrations.DatabaseMigrator;
import com.intelia.expert.db.Jdbis;
import com.intelia.expert.support.Services;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestPgBouncer;
import com.intelia.expert.support.TestStreamingReplica;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service with a real streaming standby as its read node (support/TestStreamingReplica). Reads are proven to go
 * to the standby by pausing its replay: a save then shows in the caller's own chat list (the primary) but not in the
 * dashboard or the questions list until replay resumes. With the standby stopped the same pages answer 200 from the
 * primary and health says degraded; started again, reads return to it; and a read that meets the standby gone before
 * its probe does is answered by the primary, as are all reads while the standby accepts no new connection though
 * the probe's own stays open. In order: each step starts where the last one left the standby.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaTest {

    private static final UUID ADMIN = UUID.randomUUID();
    private static TestStreamingReplica replication;
    private static DropwizardTestSupport<ExpertConfiguration> app;
    private static final Client CLIENT = ClientBuilder.newClient();

    @BeforeAll
    static void startPrimaryStandbyAndService() throws Exception {
        replication = TestStreamingReplica.start();
        DatabaseMigrator.migrate(replication.primary());
        Services.localDirectory(Jdbis.create(replication.primary()))
                .save(new Profile(ADMIN, "admin@intelia.com", "Ada", "Admin", "admin", "enterprise"));
        app = new DropwizardTestSupport<>(ExpertApplication.class, "config.yml", overrides("200ms"));
        app.before();
        replication.awaitReplayed();
        awaitHealth(app, node -> node.path("reads").asText().equals("replica"));
    }

    /** The suite's primary and standby; extra: overrides, key then value, that add to or replace these. */
    private static ConfigOverride[] overrides(String probeInterval, String... extra) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("postgres.host", "localhost");
        values.put("postgres.port", Integer.toString(replication.primaryPort()));
        values.put("postgres.database", "postgres");
        values.put("postgres.user", "postgres");
        values.put("postgres.sslMode", "disable");
        values.put("postgres.read.host", "localhost");
        values.put("postgres.read.port", Integer.toString(replication.standbyPort()));
        values.put("postgres.read.probeInterval", probeInterval);
        values.put("postgres.read.maxLag", "5s");
        values.put("stats.dashboardCacheTtl", "0s");
        values.put("server.applicationConnectors[0].port", "0");
        values.put("server.adminConnectors[0].port", "0");
        values.put("jwtSecret", TestTokens.SECRET);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            values.put(extra[i], extra[i + 1]);
        }
        return values.entrySet().stream().map(value -> ConfigOverride.config(value.getKey(), value.getValue()))
                .toArray(ConfigOverride[]::new);
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.after();
        }
        if (replication != null) {
            replication.close();
        }
        CLIENT.close();
    }

    @Test
    @Order(1)
    void theDashboardAndQuestionsReadTheStandbyWhileTheCallersOwnChatsReadThePrimary() throws Exception {
        save();
        replication.awaitReplayed();
        assertThat(awaitTotal(ReadReplicaTest::questionsTotal, 1)).isEqualTo(1);

        replication.pauseReplay();
        save();

        assertThat(ownChats()).as("the caller's own chats: the primary, read-your-writes").isEqualTo(2);
        assertThat(questionsTotal()).as("the questions list: the standby, replay paused").isEqualTo(1);
        assertThat(dashboardTotal()).as("the dashboard: the standby").isEqualTo(1);
        assertThat(get("/v1/stats-fast/invitations").getStatus()).isEqualTo(200);
        assertThat(replication.standbyValue("SELECT count(*) FROM pg_stat_activity"
                + " WHERE application_name = 'intelia-expert reads'")).as("the read pool's connections").isNotEqualTo("0");
        JsonNode node = awaitHealth(app, read -> read.path("lag_seconds").asDouble() >= 1);
        assertThat(node.path("status").asText()).isEqualTo("healthy");
        assertThat(node.path("reads").asText()).isEqualTo("replica");

        replication.resumeReplay();
        replication.awaitReplayed();
        assertThat(awaitTotal(ReadReplicaTest::questionsTotal, 2)).as("replayed").isEqualTo(2);
        assertThat(dashboardTotal()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void doctorReportsTheStandbyAndItsLag() {
        CliRunner.Result result = CliRunner.run(doctorEnvironment(), "doctor", "config.yml");

        assertThat(result.stdout()).containsPattern("ok    read node: read node at localhost:" + replication.standbyPort()
                + " \\(sslmode disable\\) is a standby, answered in [0-9.]+ ms, replication lag [0-9.]+ s;"
                + " \\(postgres.read.maxPoolSize 8 \\+ 1 probe\\) x 1 instance\\(s\\) \\+ 1 = 10 connections of"
                + " [0-9]+ usable");

        CliRunner.Result crowded = CliRunner.run(doctorEnvironment(), "doctor", "--instances", "500", "config.yml");

        assertThat(crowded.stdout()).containsPattern("WARN  read node: .* but \\(postgres.read.maxPoolSize 8 \\+ 1"
                + " probe\\) x 500 instance\\(s\\) \\+ 1 = 4501 connections of [0-9]+ usable .*: reads that find no"
                + " connection there go to the primary");
    }

    private static Map<String, String> doctorEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POSTGRES_HOST", "localhost");
        env.put("POSTGRES_PORT", Integer.toString(replication.primaryPort()));
        env.put("POSTGRES_DB", "postgres");
        env.put("POSTGRES_USER", "postgres");
        env.put("POSTGRES_SSLMODE", "disable");
        env.put("POSTGRES_READ_HOST", "localhost");
        env.put("POSTGRES_READ_PORT", Integer.toString(replication.standbyPort()));
        return env;
    }

    @Test
    @Order(3)
    void withTheStandbyStoppedReadsAnswerFromThePrimaryAndHealthIsDegraded() throws Exception {
        replication.pauseReplay();
        save();
        replication.stopStandby();

        assertThat(questionsTotal()).as("the save the standby never replayed: the primary answered").isEqualTo(3);
        assertThat(dashboardTotal()).isEqualTo(3);
        assertThat(get("/v1/stats-fast/invitations").getStatus()).isEqualTo(200);
        long started = System.nanoTime();
        Response health = CLIENT.target(base() + "/health").request().get();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        JsonNode body = health.readEntity(JsonNode.class);

        assertThat(health.getStatus()).isEqualTo(200);
        assertThat(tookMillis).as("health reads the last probe, it does not wait for the standby").isLessThan(500);
        assertThat(body.path("status").asText()).isEqualTo("degraded");
        JsonNode node = body.at("/databases/postgresql_read");
        assertThat(node.path("status").asText()).isEqualTo("unhealthy");
        assertThat(node.path("reads").asText()).isEqualTo("primary");
        assertThat(node.path("error").asText()).startsWith("the read node").doesNotContain("jdbc:", "localhost:");
        assertThat(body.at("/databases/postgresql/status").asText()).isEqualTo("healthy");
        String scrape = metrics();
        Files.writeString(Path.of("target", "prometheus-scrape-read-node.txt"), scrape);
        assertThat(scrape).contains("read_node_reads_on_replica 0.0", "read_node_lag_seconds -1.0")
                .containsPattern("(?m)^read_node_reads_on_primary_total [1-9]");
        assertThat(scrape).as("a count only grows: a counter, for rate()")
                .contains("\n# TYPE read_node_reads_on_primary_total counter\n")
                .doesNotContain("# TYPE read_node_reads_on_primary gauge");
    }

    @Test
    @Order(4)
    void afterTheStandbyStartsAgainReadsReturnToIt() throws Exception {
        replication.startStandby();
        replication.awaitReplayed();
        JsonNode node = awaitHealth(app, read -> read.path("reads").asText().equals("replica"));
        assertThat(node.path("status").asText()).isEqualTo("healthy");
        assertThat(metrics()).contains("read_node_reads_on_replica 1.0");

        replication.pauseReplay();
        save();

        assertThat(ownChats()).isEqualTo(4);
        assertThat(questionsTotal()).as("back on the standby, replay paused").isEqualTo(3);
        replication.resumeReplay();
        replication.awaitReplayed();
        assertThat(awaitTotal(ReadReplicaTest::questionsTotal, 4)).as("replay resumed, the standby shows the save").isEqualTo(4);
    }

    /**
     * A total read from the standby once it reaches {@code expected}, or the last one after 10 s: right after the
     * standby has replayed up to the primary's position, a read may still show the earlier count for a moment.
     */
    private static long awaitTotal(java.util.function.LongSupplier read, long expected) throws InterruptedException {
        long total = read.getAsLong();
        for (int i = 0; i < 100 && total != expected; i++) {
            Thread.sleep(100);
            total = read.getAsLong();
        }
        return total;
    }

    @Test
    @Order(5)
    void aStandbyFurtherBehindThanMaxLagIsNotReadFromUntilItCatchesUp() throws Exception {
        replication.pauseReplay();
        save();

        JsonNode behind = awaitHealth(app, read -> read.path("reads").asText().equals("primary"));
        assertThat(behind.path("lag_seconds").asDouble()).as("over maxLag (5 s)").isGreaterThan(5);
        assertThat(behind.path("error").asText()).contains("more than postgres.read.maxLag (5 s)");
        assertThat(questionsTotal()).as("the primary answers, with the save the standby has not replayed").isEqualTo(5);
        assertThat(dashboardTotal()).isEqualTo(5);
        Path config = Files.createTempFile("config-max-lag", ".yml");
        Files.writeString(config, Files.readString(Path.of("config.yml")).replace("maxLag: 30s", "maxLag: 5s"));
        CliRunner.Result doctor = CliRunner.run(doctorEnvironment(), "doctor", config.toString());
        Files.delete(config);
        assertThat(doctor.stdout()).containsPattern("WARN  read node: .* replication lag [0-9.]+ s, more than"
                + " postgres.read.maxLag \\(5 s\\): the service reads from the primary until it catches up");

        replication.resumeReplay();
        replication.awaitReplayed();
        JsonNode caughtUp = awaitHealth(app, read -> read.path("reads").asText().equals("replica"));
        assertThat(caughtUp.path("status").asText()).isEqualTo("healthy");
        assertThat(awaitTotal(ReadReplicaTest::questionsTotal, 5)).isEqualTo(5);
    }

    @Test
    @Order(6)
    void aReadThatFindsTheStandbyGoneBeforeItsProbeDoesIsAnsweredByThePrimary() throws Exception {
        // a second instance whose probe, after its first, waits an hour: only a failed read can tell it
        DropwizardTestSupport<ExpertConfiguration> second = new DropwizardTestSupport<>(ExpertApplication.class,
                "config.yml", overrides("1h"));
        second.before();
        try {
            awaitHealth(second, read -> read.path("reads").asText().equals("replica"));
            replication.pauseReplay();
            save();
            replication.stopStandby();

            Response questions = CLIENT.target(base(second) + "/v1/stats-fast/questions").request()
                    .header("Authorization", "Bearer " + token()).get();

            assertThat(json(questions).at("/pagination/total").asLong()).as("retried on the primary").isEqualTo(6);
            JsonNode node = CLIENT.target(base(second) + "/health").request().get(JsonNode.class)
                    .at("/databases/postgresql_read");
            assertThat(node.path("reads").asText()).isEqualTo("primary");
            assertThat(node.path("error").asText()).startsWith("the read node failed a read: cannot connect");
        } finally {
            second.after();
        }
    }

    @Test
    @Order(7)
    void throughATransactionPoolerInFrontOfTheStandbyReadsUseNoServerSidePreparedStatements() throws Exception {
        replication.startStandby();
        replication.awaitReplayed();
        try (TestPgBouncer bouncer = TestPgBouncer.startOrSkip(replication.standbyPort())) {
            DropwizardTestSupport<ExpertConfiguration> pooled = new DropwizardTestSupport<>(ExpertApplication.class,
                    "config.yml", overrides("1s", "postgres.read.port", Integer.toString(bouncer.port()),
                    "postgres.read.poolMode", "transaction", "postgres.read.maxLag", "1h"));
            pooled.before();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                awaitHealth(pooled, read -> read.path("reads").asText().equals("replica"));
                replication.pauseReplay();
                save();

                // more reads per connection than pgjdbc's prepareThreshold (5), over more read connections than
                // PgBouncer's server connections (4): named server-side statements would meet another session
                List<Future<Response>> reads = new ArrayList<>();
                for (int i = 0; i < 48; i++) {
                    String path = i % 2 == 0 ? "/v1/stats-fast/questions" : "/v1/stats-fast/dashboard?range=day";
                    reads.add(clients.submit(() -> CLIENT.target(base(pooled) + path).request()
                            .header("Authorization", "Bearer " + token()).get()));
                }
                for (int i = 0; i < reads.size(); i++) {
                    JsonNode body = json(reads.get(i).get());
                    long total = i % 2 == 0 ? body.at("/pagination/total").asLong()
                            : body.at("/usage_stats/total_questions").asLong();
                    assertThat(total).as("read " + i + " on the standby through PgBouncer, replay paused").isEqualTo(6);
                }
                assertThat(CLIENT.target(base(pooled) + "/health").request().get(JsonNode.class)
                        .at("/databases/postgresql_read/reads").asText()).isEqualTo("replica");
            } finally {
                clients.shutdownNow();
                replication.resumeReplay();
                pooled.after();
            }
        }
    }

    @Test
    @Order(8)
    void aStandbyThatAcceptsNoNewConnectionWhileTheProbeKeepsItsOwnServesNoReads() throws Exception {
        awaitHealth(app, read -> read.path("reads").asText().equals("replica"));
        long saved = questionsTotal();
        replication.refuseNewConnections("intelia-expert reads");
        try {
            assertThat(questionsTotal()).as("the read pool finds no connection: the primary answers").isEqualTo(saved);
            Thread.sleep(1_000); // five probe intervals: a probe on its kept connection would find the node back

            JsonNode node = CLIENT.target(base() + "/health").request().get(JsonNode.class)
                    .at("/databases/postgresql_read");
            assertThat(node.path("reads").asText()).isEqualTo("primary");
            assertThat(node.path("status").asText()).isEqualTo("unhealthy");
            assertThat(node.path("error").asText()).isEqualTo("the read node: PostgreSQL's pg_hba.conf has no entry"
                    + " that lets this user, database, address or encryption in (a managed database requires"
                    + " sslmode require)");
            assertThat(dashboardTotal()).isEqualTo(saved);
        } finally {
            replication.acceptNewConnections();
        }
        assertThat(awaitHealth(app, read -> read.path("reads").asText().equals("replica")).path("status").asText())
                .isEqualTo("healthy");
        assertThat(questionsTotal()).isEqualTo(saved);
    }

    @Test
    @Order(9)
    void doctorNamesTheReadNodesOwnVariablesWhenItRefusesThePassword() {
        Map<String, String> env = doctorEnvironment();
        env.put("POSTGRES_READ_PASSWORD", "not-the-read-password-7c1e");
        replication.requirePassword();
        try {
            CliRunner.Result result = CliRunner.run(env, "doctor", "config.yml");

            assertThat(result.stdout()).contains("WARN  read node: read node at localhost:" + replication.standbyPort()
                    + " (sslmode disable): PostgreSQL refused the password (check POSTGRES_READ_USER and"
                    + " POSTGRES_READ_PASSWORD; unset, they are the primary's)",
                    "Remedy: set POSTGRES_READ_USER and POSTGRES_READ_PASSWORD to a user of the read-only node");
            assertThat(result.output()).doesNotContain("not-the-read-password-7c1e", "check POSTGRES_USER");
        } finally {
            replication.acceptNewConnections();
        }
    }

    private static void save() {
        String body = "{\"conversation_id\":\"" + UUID.randomUUID() + "\",\"user_id\":\"" + ADMIN
                + "\",\"question\":\"How much feed at day 21?\",\"response\":\"See the guide.\"}";
        Response response = CLIENT.target(base() + "/v1/conversations/save").request()
                .header("Authorization", "Bearer " + token()).post(Entity.json(body));
        assertThat(response.getStatus()).isEqualTo(200);
    }

    private static String metrics() {
        return CLIENT.target("http://localhost:" + app.getAdminPort() + "/metrics").request().get(String.class);
    }

    private static long ownChats() {
        return json(get("/v1/conversations/user/" + ADMIN)).path("total_count").asLong();
    }

    private static long questionsTotal() {
        return json(get("/v1/stats-fast/questions")).at("/pagination/total").asLong();
    }

    private static long dashboardTotal() {
        return json(get("/v1/stats-fast/dashboard?range=day")).at("/usage_stats/total_questions").asLong();
    }

    /** Polls /health until the read node's entry matches, for at most 10 s; returns that entry. */
    private static JsonNode awaitHealth(DropwizardTestSupport<ExpertConfiguration> service, Predicate<JsonNode> readNode)
            throws InterruptedException {
        JsonNode node = null;
        for (int i = 0; i < 100; i++) {
            node = CLIENT.target(base(service) + "/health").request().get(JsonNode.class).at("/databases/postgresql_read");
            if (readNode.test(node)) {
                return node;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the read node's health never matched; last: " + node);
    }

    private static Response get(String path) {
        return CLIENT.target(base() + path).request().header("Authorization", "Bearer " + token()).get();
    }

    private static JsonNode json(Response response) {
        assertThat(response.getStatus()).isEqualTo(200);
        return response.readEntity(JsonNode.class);
    }

    private static String token() {
        return TestTokens.hs256(ADMIN, claims -> claims);
    }

    private static String base() {
        return base(app);
    }

    private static String base(DropwizardTestSupport<ExpertConfiguration> service) {
        return "http://localhost:" + service.getLocalPort() + "/api";
    }
}
