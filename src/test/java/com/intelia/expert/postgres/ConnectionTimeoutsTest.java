package com.intelia.expert.postgres;

import com.intelia.expert.db.Jdbis;
import com.intelia.expert.db.SqlStates;
import com.codahale.metrics.MetricRegistry;
import com.intelia.expert.config.PostgresFactory;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The service's pool as config.yml's defaults build it, on the suite's PostgreSQL: API work is cut off after its
 * statement timeout and when no connection is free, both read as "try again"; maintenance on the same pool runs a
 * statement for as long as it takes.
 */
class ConnectionTimeoutsTest {

    private static final TestDatabase DATABASE = TestDatabase.empty();
    private static ManagedDataSource pool;
    private static PostgresFactory postgres;

    @BeforeAll
    static void buildThePool() throws Exception {
        postgres = new PostgresFactory();
        postgres.setHost("localhost");
        postgres.setPort(Integer.toString(DATABASE.port()));
        postgres.setDatabase(DATABASE.name());
        postgres.setUser("postgres");
        postgres.setPassword("unused");
        postgres.setSslMode("disable");
        DataSourceFactory factory = postgres.serverDataSourceFactory();
        factory.setMaxSize(2);
        factory.setMinSize(1);
        factory.setInitialSize(1);
        pool = factory.build(new MetricRegistry(), "timeouts-test");
        pool.start();
    }

    @AfterAll
    static void closeThePool() throws Exception {
        pool.stop();
    }

    @Test
    void anApiStatementIsCancelledAfterTheStatementTimeout() {
        Jdbi requests = Jdbis.forRequests(new Environment("timeouts-test"), postgres.serverDataSourceFactory(),
                postgres.forRequests(pool), postgres.statementTimeout(), "requests");

        long started = System.nanoTime();
        Throwable error = catchThrowable(() -> requests.withHandle(h -> h.createQuery("SELECT pg_sleep(5)")
                .mapTo(String.class).one()));

        assertThat(SqlStates.unavailable(error)).as("57014, try again").isTrue();
        assertThat(SqlStates.any(error, "57014"::equals)).isTrue();
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(900L, 2_500L);
    }

    @Test
    void maintenanceRunsAStatementLongerThanAnyApiTimeout() {
        Jdbi maintenance = Jdbis.forMaintenance(new Environment("timeouts-test"), postgres.serverDataSourceFactory(),
                postgres.forMaintenance(pool), "maintenance");

        long started = System.nanoTime();
        maintenance.useHandle(h -> h.execute("SELECT pg_sleep(2.5)"));

        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(2_500L);
    }

    @Test
    void noFreeConnectionWithinThePoolWaitIsTryAgain() throws Exception {
        DataSource requests = postgres.forRequests(pool);
        try (Connection first = requests.getConnection(); Connection second = requests.getConnection()) {
            long started = System.nanoTime();
            Throwable error = catchThrowable(() -> Jdbis.create(requests).withHandle(h -> h.execute("SELECT 1")));

            assertThat(SqlStates.unavailable(error)).as("the pool's wait ran out: try again").isTrue();
            assertThat((System.nanoTime() - started) / 1_000_000).isBetween(900L, 2_500L);
        }
    }
}
