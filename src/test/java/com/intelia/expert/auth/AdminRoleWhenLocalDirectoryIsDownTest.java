package com.intelia.expert.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.JettyManaged;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.intelia.expert.auth.TestTokens.SECRET;
import static com.intelia.expert.auth.TestTokens.hs256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin role from the local directory (no SUPABASE_URL) while the application's pool has no free connection:
 * the lookup fails after the pool's wait, a known admin keeps the last answer for the grace (here reaching the
 * dashboard the service still holds in memory), and an admin never seen gets 503, not 403.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminRoleWhenLocalDirectoryIsDownTest {

    private static final int POOL_SIZE = 2;
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());
    /** Not the extension's Apache client, which waits out Retry-After and tries again by itself. */
    private static final Client HTTP = ClientBuilder.newClient();

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", SECRET));
        all.add(ConfigOverride.config("secretKey", SECRET + "-invitations"));
        all.add(ConfigOverride.config("auth.jwks", "false"));
        all.add(ConfigOverride.config("auth.adminRoleGrace", "1m"));
        all.add(ConfigOverride.config("supabase.profileCacheTtl", "1ms"));
        all.add(ConfigOverride.config("postgres.maxPoolSize", Integer.toString(POOL_SIZE)));
        return all.toArray(new ConfigOverride[0]);
    }

    @AfterAll
    static void closeClient() {
        HTTP.close();
    }

    private static Response dashboard(UUID user) {
        return HTTP.target("http://localhost:" + APP.getLocalPort() + "/api/v1/stats-fast/dashboard").request()
                .header("Authorization", "Bearer " + hs256(user, c -> c)).get();
    }

    private static void adminProfile(UUID id) {
        DATABASE.execute("INSERT INTO local_user_profiles (id, email, first_name, last_name, user_type) VALUES ('"
                + id + "', 'admin-" + id.toString().substring(0, 8) + "@ferme.fr', 'A', 'B', 'admin')");
    }

    /** The application's own connection pool, as the lifecycle manages it. */
    private static ManagedDataSource applicationPool() {
        return APP.getEnvironment().lifecycle().getManagedObjects().stream()
                .filter(JettyManaged.class::isInstance).map(lifeCycle -> ((JettyManaged) lifeCycle).getManaged())
                .filter(ManagedDataSource.class::isInstance).map(ManagedDataSource.class::cast)
                .findFirst().orElseThrow();
    }

    @Test
    void withoutAFreeConnectionAKnownAdminKeepsTheRoleAndAnUnseenAdminGets503() throws Exception {
        UUID known = UUID.randomUUID();
        UUID unseen = UUID.randomUUID();
        adminProfile(known);
        adminProfile(unseen);
        try (Response first = dashboard(known)) {
            assertThat(first.getStatus()).isEqualTo(200);
        }

        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                held.add(applicationPool().getConnection());
            }

            try (Response again = dashboard(known); Response refused = dashboard(unseen)) {
                assertThat(again.getStatus()).isEqualTo(200);
                assertThat(refused.getStatus()).isEqualTo(503);
                assertThat(refused.getHeaderString("Retry-After")).isEqualTo("30");
                assertThat(refused.readEntity(JsonNode.class).get("message").asText())
                        .isEqualTo("cannot check the admin role now, try again");
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        try (Response after = dashboard(unseen)) {
            assertThat(after.getStatus()).isEqualTo(200);
        }
    }
}
