package com.intelia.expert.db;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jdbi3.strategies.DefaultNameStrategy;
import com.codahale.metrics.jdbi3.strategies.DelegatingStatementNameStrategy;
import com.codahale.metrics.jdbi3.strategies.StatementNameStrategy;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The name of each statement's timer in /metrics ({@link Jdbis}): a SqlObject method's is its interface and method
 * ({@code com.intelia.expert.db.StatsDao.dailyTotals}, as metrics-jdbi3's SmartNameStrategy names it); a statement
 * that a class of {@code db} builds by hand gets the name that class gives it ({@link #named}); any other is
 * {@code sql.raw}. Never the SQL text: that would make a timer per distinct statement, and could carry values.
 */
public final class StatementNames extends DelegatingStatementNameStrategy {

    /** The defined attribute (see {@link SqlStatement#define}) that holds a hand-built statement's name. */
    private static final String ATTRIBUTE = "intelia.statement-name";

    private static final StatementNameStrategy NAMED = context -> context.getAttribute(ATTRIBUTE) instanceof String name
            ? name : null;

    public StatementNames() {
        super(DefaultNameStrategy.CHECK_EMPTY, DefaultNameStrategy.SQL_OBJECT, NAMED,
                DefaultNameStrategy.CONSTANT_SQL_RAW);
    }

    /** {@code statement}, timed as {@code owner}'s {@code method} would be if it were a SqlObject method. */
    static <T extends SqlStatement<T>> T named(T statement, Class<?> owner, String method) {
        return statement.define(ATTRIBUTE, MetricRegistry.name(owner, method));
    }
}
