package com.intelia.expert.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /tasks/refresh-stats on a local admin port: rebuilds the rollups and reports drift as JSON. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RefreshStatsTaskTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", DATABASE.configOverrides());

    private Response refresh() {
        return APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/refresh-stats")
                .request().post(Entity.text(""));
    }

    @Test
    void rollupsKeptByTheTriggersShowNoDriftAndTamperingIsFoundAndRepaired() {
        DATABASE.execute("INSERT INTO conversations (session_id, user_id, question, response, processing_time_ms)"
                + " SELECT 's' || g, gen_random_uuid(), 'q', 'a', 100 * g FROM generate_series(1, 50) g");

        Response clean = refresh();
        assertThat(clean.getStatus()).isEqualTo(200);
        JsonNode report = clean.readEntity(JsonNode.class);
        report.get("drift").forEach(figure -> assertThat(figure.asLong()).isZero());

        DATABASE.execute("DELETE FROM stats_daily");
        JsonNode tampered = refresh().readEntity(JsonNode.class);
        long found = 0;
        for (JsonNode figure : tampered.get("drift")) {
            found += figure.asLong();
        }
        assertThat(found).as("drift found after deleting a rollup").isPositive();
        refresh().readEntity(JsonNode.class).get("drift").forEach(figure -> assertThat(figure.asLong()).isZero());
    }
}
