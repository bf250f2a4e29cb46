package com.intelia.expert.migrations;

import com.codahale.metrics.MetricRegistry;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Migrating through the service's own connection pool must not leave a connection that never commits. */
class DatabaseMigratorTest {

    @Test
    void writesAfterAMigrationOnTheSamePooledConnectionAreCommitted() throws Exception {
        TestDatabase database = TestDatabase.empty();
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl("jdbc:postgresql://localhost:" + database.port() + "/" + database.name());
        factory.setUser("postgres");
        factory.setMinSize(1);
        factory.setInitialSize(1);
        factory.setMaxSize(1);
        ManagedDataSource pool = factory.build(new MetricRegistry(), "migrator-test");
        try {
            DatabaseMigrator.migrate(pool);
            Jdbi.create(pool).useTransaction(handle -> handle.execute(
                    "INSERT INTO invitations (inviter_user_id, inviter_email, invited_email, token_hash, status, expires_at)"
                            + " VALUES (gen_random_uuid(), 'i@example.com', 'a@example.com', 'h', 'pending', now() + interval '1 day')"));
        } finally {
            pool.stop();
        }
        assertThat(database.value("SELECT count(*) FROM invitations")).isEqualTo(1L);
    }
}
