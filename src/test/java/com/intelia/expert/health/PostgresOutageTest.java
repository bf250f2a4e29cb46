package com.intelia.expert.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.migrations.DatabaseMigrator;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on a PostgreSQL of its own that the test stops and starts again: health must say
 * unhealthy quickly while it is down, and healthy again once it is back, without a restart.
 */
class PostgresOutageTest {

    @TempDir
    Path dataDirectory;

    private EmbeddedPostgres postgres;
    private DropwizardTestSupport<ExpertConfiguration> app;
    private final Client client = ClientBuilder.newClient();
    private static final String SECRET = "outage-test-secret-0123456789abcdefghijkl";
    private final UUID user = UUID.randomUUID();

    private Response save() throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(user.toString()).audience("authenticated").expirationTime(Date.from(now.plusSeconds(600))).build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        String body = "{\"conversation_id\":\"" + UUID.randomUUID() + "\",\"user_id\":\"" + user
                + "\",\"question\":\"Q\",\"response\":\"A\"}";
        return client.target("http://localhost:" + app.getLocalPort() + "/api/v1/conversations/save").request()
                .header("Authorization", "Bearer " + jwt.serialize()).post(Entity.json(body));
    }

    @AfterEach
    void stop() throws IOException {
        if (app != null) {
            app.after();
        }
        if (postgres != null) {
            postgres.close();
        }
        client.close();
    }

    @Test
    void healthFollowsTheDatabaseDownAndBackUpWithoutRestart() throws Exception {
        int port = freePort();
        postgres = start(port);
        DatabaseMigrator.migrate(postgres.getPostgresDatabase());
        app = new DropwizardTestSupport<>(ExpertApplication.class, "config.yml",
                ConfigOverride.config("postgres.host", "localhost"),
                ConfigOverride.config("postgres.port", Integer.toString(port)),
                ConfigOverride.config("postgres.database", "postgres"),
                ConfigOverride.config("postgres.user", "postgres"),
                ConfigOverride.config("postgres.sslMode", "disable"),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("jwtSecret", SECRET));
        app.before();
        assertThat(health().getStatus()).isEqualTo(200);

        postgres.close();
        long started = System.nanoTime();
        Response down = health();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(down.getStatus()).isEqualTo(503);
        assertThat(tookMillis).as("answered within 2 s").isLessThan(2000);
        JsonNode body = down.readEntity(JsonNode.class);
        assertThat(body.get("status").asText()).isEqualTo("unhealthy");
        assertThat(body.get("databases").get("postgresql").get("status").asText()).isEqualTo("unhealthy");
        assertThat(body.get("databases").get("postgresql").get("error").asText())
                .contains("PostgreSQL").doesNotContain("jdbc:", "localhost:");
        assertThat(health().readEntity(JsonNode.class).get("databases").get("postgresql").get("error").asText())
                .as("once the pooled connections are gone").isEqualTo("cannot connect to PostgreSQL (connection refused or lost)");
        Response save = save();
        assertThat(save.getStatus()).as("a save while PostgreSQL is down").isEqualTo(503);
        assertThat(save.readEntity(JsonNode.class).get("message").asText()).contains("try again");

        // a real restart takes seconds; the pool trusts a connection it checked within the last second
        // (PostgresFactory: validationInterval), and the instance's warm-up used its connections just before
        Thread.sleep(1_100);
        postgres = start(port);
        Response up = null;
        for (int i = 0; i < 50; i++) {
            up = health();
            if (up.getStatus() == 200) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(up.getStatus()).as("healthy again without restarting the service").isEqualTo(200);
        assertThat(up.readEntity(JsonNode.class).get("status").asText()).isEqualTo("healthy");
        assertThat(save().getStatus()).as("saves work again without a restart").isEqualTo(200);
    }

    private Response health() {
        return client.target("http://localhost:" + app.getLocalPort() + "/api/health").request().get();
    }

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
