package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.jdbc.PgStatement;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The one way this service makes a {@link Jdbi}. Its exceptions say what failed without the SQL or the bound values
 * (jdbi puts both in their message by default, and a logged message would then carry users' questions, answers,
 * names and e-mail addresses); the SQLSTATE and the cause's class are kept.
 */
public final class Jdbis {

    private Jdbis() {
    }

    public static Jdbi create(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        return jdbi;
    }

    /**
     * For API requests: a statement still running after {@code statementTimeout} is cancelled (SQLSTATE 57014, a
     * 503 to retry). pgjdbc sends the cancel on a connection of its own, as PostgreSQL's statement_timeout would act
     * but also through a transaction pooler, which refuses session settings.
     */
    public static Jdbi forRequests(DataSource dataSource, Duration statementTimeout) {
        Jdbi jdbi = create(dataSource);
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
        return jdbi;
    }
}
