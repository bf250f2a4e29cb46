package com.intelia.expert;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The real application on the real config.yml, pointed at a migrated test database. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ExpertApplicationTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", DATABASE.configOverrides());

    private Response get(String path) {
        return APP.client().target("http://localhost:" + APP.getLocalPort() + path).request().get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/health", "/api/v1/health", "/api/v1/stats-fast/health"})
    void healthAnswersWithoutAuthInTheContractShape(String path) {
        Response response = get(path);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getMediaType().toString()).startsWith(MediaType.APPLICATION_JSON);
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(body.get("status").asText()).isEqualTo("healthy");
        JsonNode postgres = body.get("databases").get("postgresql");
        assertThat(postgres.get("status").asText()).isEqualTo("healthy");
        assertThat(postgres.get("latency_ms").isNumber()).isTrue();
        assertThat(postgres.get("latency_ms").asDouble()).isPositive();
        assertThat(body.get("databases").has("supabase")).isTrue();
        assertThat(body.get("version").asText()).isNotBlank();
        assertThat(OffsetDateTime.parse(body.get("timestamp").asText())).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/no-such-thing", "/no-such-thing", "/"})
    void unknownPathsAnswer404AsJson(String path) {
        Response response = get(path);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType().toString()).startsWith(MediaType.APPLICATION_JSON);
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(body.get("code").asInt()).isEqualTo(404);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void aWrongMethodAnswers405AsJson() {
        Response response = APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/health")
                .request().post(Entity.json("{}"));

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.readEntity(JsonNode.class).get("code").asInt()).isEqualTo(405);
    }

    @Test
    void theAdminPortReportsAPostgresqlCheck() {
        Response response = APP.client().target("http://localhost:" + APP.getAdminPort() + "/healthcheck")
                .request().get();

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode postgres = response.readEntity(JsonNode.class).get("postgresql");
        assertThat(postgres.get("healthy").asBoolean()).isTrue();
        assertThat(postgres.get("latency_ms").isNumber()).isTrue();
    }
}
