package com.intelia.expert.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import javax.sql.DataSource;

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
}
