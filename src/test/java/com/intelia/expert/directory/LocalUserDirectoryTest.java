package com.intelia.expert.directory;

import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LocalUserDirectoryTest {

    private final TestDatabase database = TestDatabase.migrated();
    private final LocalUserDirectory directory = Services.localDirectory(database.dataSource());

    @Test
    void oneLookupAnswersFoundAndMissingForEveryId() {
        UUID known = UUID.randomUUID();
        UUID orphan = UUID.randomUUID();
        directory.save(new Profile(known, "vet@example.com", "Vera", "Vet", "admin", "pro"));

        Map<UUID, ProfileLookup> answers = directory.lookup(List.of(known, orphan));

        assertThat(answers.get(known).status()).isEqualTo(ProfileLookup.Status.FOUND);
        assertThat(answers.get(known).profile().firstName()).isEqualTo("Vera");
        assertThat(answers.get(known).profile().isAdmin()).isTrue();
        assertThat(answers.get(orphan).status()).isEqualTo(ProfileLookup.Status.MISSING);
    }

    @Test
    void planCountsCountProfilesPerPlan() {
        directory.save(new Profile(UUID.randomUUID(), "a@example.com", "A", "A", "user", "pro"));
        directory.save(new Profile(UUID.randomUUID(), "b@example.com", "B", "B", "user", "pro"));
        directory.save(new Profile(UUID.randomUUID(), "c@example.com", "C", "C", "user", null));

        assertThat(directory.planCounts().users()).containsExactlyInAnyOrderEntriesOf(Map.of("pro", 2L, "none", 1L));
    }

    @Test
    void savingAgainReplacesTheProfile() {
        UUID id = UUID.randomUUID();
        directory.save(new Profile(id, "a@example.com", "A", "B", "admin", null));
        directory.save(new Profile(id, "a@example.com", "A", "B", "user", null));

        assertThat(directory.lookup(id).profile().isAdmin()).isFalse();
    }

    @Test
    void aDatabaseThatCannotBeReadMakesEveryIdUnavailable() {
        database.execute("DROP TABLE local_user_profiles");
        UUID id = UUID.randomUUID();

        assertThat(directory.lookup(List.of(id)).get(id).status()).isEqualTo(ProfileLookup.Status.UNAVAILABLE);
    }

    @Test
    void aPoolWithoutAFreeConnectionMakesEveryIdUnavailable() throws Exception {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl("jdbc:postgresql://localhost:" + database.port() + "/" + database.name());
        factory.setUser("postgres");
        factory.setMaxSize(1);
        factory.setMaxWaitForConnection(io.dropwizard.util.Duration.milliseconds(200));
        ManagedDataSource pool = factory.build(new MetricRegistry(), "local-directory-test");
        UUID id = UUID.randomUUID();
        directory.save(new Profile(id, "vet@example.com", "Vera", "Vet", "admin", "pro"));
        LocalUserDirectory starved = Services.localDirectory(pool);
        try (Connection held = pool.getConnection()) {
            ProfileLookup lookup = starved.lookup(List.of(id)).get(id);

            assertThat(lookup.status()).isEqualTo(ProfileLookup.Status.UNAVAILABLE);
            assertThat(lookup.reason()).isEqualTo("the local directory cannot be read");
        } finally {
            pool.stop();
        }
    }
}
