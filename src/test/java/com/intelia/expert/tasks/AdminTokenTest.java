package com.intelia.expert.tasks;

import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With the admin port listening on every interface, tasks run only with the ADMIN_TOKEN bearer. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminTokenTest {

    private static final String ADMIN_TOKEN = "admin-token-for-tests-0123456789";
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("server.adminConnectors[0].bindHost", "0.0.0.0"));
        all.add(ConfigOverride.config("adminToken", ADMIN_TOKEN));
        return all.toArray(new ConfigOverride[0]);
    }

    private Response refresh(String authorization) {
        var request = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/refresh-stats").request();
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.post(Entity.text(""));
    }

    @Test
    void tasksAreRefusedWithoutTheTokenAndRunWithIt() {
        assertThat(refresh(null).getStatus()).isEqualTo(401);
        assertThat(refresh("Bearer wrong-token").getStatus()).isEqualTo(401);
        assertThat(refresh(null).readEntity(String.class)).contains("ADMIN_TOKEN").doesNotContain(ADMIN_TOKEN);
        assertThat(refresh("Bearer " + ADMIN_TOKEN).getStatus()).isEqualTo(200);
    }
}
