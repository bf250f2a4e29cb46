package com.intelia.expert.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.db.Jdbis;
import com.intelia.expert.support.Services;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read node the service must not read from: one that is not a standby (POSTGRES_READ_HOST naming a primary) and
 * one that is down when the service starts. The service starts, its statistics answer 200 from the primary, health
 * says degraded and why, and doctor warns without failing.
 */
class ReadNodeFallbackTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final UUID ADMIN = UUID.randomUUID();
    private final Client client = ClientBuilder.newClient();
    private DropwizardTestSupport<ExpertConfiguration> app;

    @BeforeAll
    static void anAdmin() {
        Services.localDirectory(Jdbis.create(DATABASE.dataSource()))
                .save(new Profile(ADMIN, "admin@intelia.com", "Ada", "Admin", "admin", "enterprise"));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.after();
        }
        client.close();
    }

    @Test
    void aReadNodeThatIsNotAStandbyIsNotReadFromAndHealthSaysSo() throws Exception {
        start(DATABASE.port());
        JsonNode node = awaitReadNode("unhealthy");

        assertThat(node.path("error").asText()).contains("not a replica", "pg_is_in_recovery() is false");
        assertThat(node.path("reads").asText()).isEqualTo("primary");
        assertThat(statistics()).as("dashboard, questions, invitations").containsOnly(200);
        assertThat(DATABASE.value("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'intelia-expert reads'"
                + " AND datname = current_database()")).as("no read went to it").isEqualTo(0L);
        Map<String, String> env = new HashMap<>(DATABASE.environment());
        env.put("POSTGRES_READ_HOST", "localhost");
        CliRunner.Result doctor = CliRunner.run(env, "doctor", "config.yml");
        assertThat(doctor.stdout()).contains("WARN  read node: read node at localhost:" + DATABASE.port()
                + " (sslmode disable) is not a replica (pg_is_in_recovery() is false)");
    }

    @Test
    void aReadNodeDownAtStartDoesNotStopTheServiceAndItsReadsUseThePrimary() throws Exception {
        start(closedPort());
        JsonNode node = awaitReadNode("unhealthy");

        assertThat(node.path("error").asText()).isEqualTo(
                "the read node: cannot connect to PostgreSQL (connection refused or lost)");
        assertThat(node.path("reads").asText()).isEqualTo("primary");
        assertThat(node.has("lag_seconds")).isFalse();
        assertThat(statistics()).containsOnly(200);
        Response health = client.target(base() + "/health").request().get();
        assertThat(health.getStatus()).as("degraded is not a failure").isEqualTo(200);
        assertThat(health.readEntity(JsonNode.class).path("status").asText()).isEqualTo("degraded");
    }

    private void start(int readPort) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(DATABASE.configOverrides()));
        overrides.add(ConfigOverride.config("postgres.read.host", "localhost"));
        overrides.add(ConfigOverride.config("postgres.read.port", Integer.toString(readPort)));
        overrides.add(ConfigOverride.config("postgres.read.probeInterval", "200ms"));
        overrides.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        app = new DropwizardTestSupport<>(ExpertApplication.class, "config.yml",
                overrides.toArray(new ConfigOverride[0]));
        app.before();
    }

    private List<Integer> statistics() {
        List<Integer> statuses = new ArrayList<>();
        for (String path : List.of("/v1/stats-fast/dashboard", "/v1/stats-fast/questions", "/v1/stats-fast/invitations")) {
            statuses.add(client.target(base() + path).request()
                    .header("Authorization", "Bearer " + TestTokens.hs256(ADMIN, claims -> claims)).get().getStatus());
        }
        return statuses;
    }

    private JsonNode awaitReadNode(String status) throws InterruptedException {
        JsonNode node = null;
        for (int i = 0; i < 100; i++) {
            node = client.target(base() + "/health").request().get(JsonNode.class).at("/databases/postgresql_read");
            if (node.path("status").asText().equals(status)) {
                return node;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the read node's health never became " + status + "; last: " + node);
    }

    private String base() {
        return "http://localhost:" + app.getLocalPort() + "/api";
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
