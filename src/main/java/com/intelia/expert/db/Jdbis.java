package com.intelia.expert.db;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.guava.GuavaPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.jdbc.PgStatement;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The one way this service makes a {@link Jdbi}. Its exceptions say what failed without the SQL or the bound values
 * (jdbi puts both in their message by default, and a logged message would then carry users' questions, answers,
 * names and e-mail addresses); the SQLSTATE and the cause's class are kept. The running service's Jdbis are
 * dropwizard-jdbi3's ({@link JdbiFactory}: a timer per statement in /metrics, named by {@link StatementNames}); the
 * commands, which have no {@link Environment}, get a plain one configured the same way.
 */
public final class Jdbis {

    private Jdbis() {
    }

    /** For commands: the plugins and the exception messages of the service's Jdbis, no metrics. */
    public static Jdbi create(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new GuavaPlugin());
        withoutSqlInMessages(jdbi);
        return jdbi;
    }

    /**
     * The service's Jdbi for API requests over {@code borrowed} (a view of the pool that {@code pool} configures):
     * a statement still running after {@code statementTimeout} is cancelled (SQLSTATE 57014, a 503 to retry). pgjdbc
     * sends the cancel on a connection of its own, as PostgreSQL's statement_timeout would act but also through a
     * transaction pooler, which refuses session settings. {@code name} must be unique among the health checks; see
     * {@link InstrumentedJdbiFactory#build} for why no check is left under it.
     */
    public static Jdbi forRequests(Environment environment, PooledDataSourceFactory pool, ManagedDataSource borrowed,
                                   Duration statementTimeout, String name) {
        return new InstrumentedJdbiFactory(Optional.of(statementTimeout)).build(environment, pool, borrowed, name);
    }

    /** The service's Jdbi for admin tasks and background maintenance: no statement timeout, otherwise as requests. */
    public static Jdbi forMaintenance(Environment environment, PooledDataSourceFactory pool,
                                      ManagedDataSource borrowed, String name) {
        return new InstrumentedJdbiFactory(Optional.empty()).build(environment, pool, borrowed, name);
    }

    private static void withoutSqlInMessages(Jdbi jdbi) {
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    private static void cancelStatementsAfter(Jdbi jdbi, Duration statementTimeout) {
        long millis = statementTimeout.toMillis();
        jdbi.getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
                if (statement.isWrapperFor(PgStatement.class)) {
                    statement.unwrap(PgStatement.class).setQueryTimeoutMs(millis);
                } else {
                    statement.setQueryTimeout((int) Math.max(1, (millis + 999) / 1000));
                }
            }
        });
    }

    /**
     * dropwizard-jdbi3's factory (SqlObject and Guava plugins, a timer per statement; the DAO method as a comment
     * before its SQL only when the pool's {@code autoCommentsEnabled}, off in config/PostgresFactory) with this
     * class's configuration, and without its health check.
     */
    private static final class InstrumentedJdbiFactory extends JdbiFactory {

        private final Optional<Duration> statementTimeout;

        InstrumentedJdbiFactory(Optional<Duration> statementTimeout) {
            super(new StatementNames());
            this.statementTimeout = statementTimeout;
        }

        /**
         * Also lets the lifecycle manage {@code dataSource}: pass a view of a pool managed where it is built
         * (postgres/ConnectionTimeouts), whose start and stop do nothing, so that a pool borrowed by several Jdbis is
         * closed once. The JdbiHealthCheck registered under {@code name} is removed again: it would borrow a pooled
         * connection at every /healthcheck, and health must never wait on the pool (the "postgresql" check probes a
         * connection of its own, postgres/PostgresProbe).
         */
        @Override
        public Jdbi build(Environment environment, PooledDataSourceFactory configuration, ManagedDataSource dataSource,
                          String name) {
            Jdbi jdbi = super.build(environment, configuration, dataSource, name);
            environment.healthChecks().unregister(name);
            return jdbi;
        }

        /** After the factory's own configure, which installs the SqlObject and Guava plugins. */
        @Override
        protected void configure(Jdbi jdbi) {
            super.configure(jdbi);
            withoutSqlInMessages(jdbi);
            statementTimeout.ifPresent(timeout -> cancelStatementsAfter(jdbi, timeout));
        }
    }
}
