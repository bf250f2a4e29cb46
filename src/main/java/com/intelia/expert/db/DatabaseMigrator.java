package com.intelia.expert.db;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Applies migrations.xml, the same changelog that {@code db migrate} runs, from inside the process. */
public final class DatabaseMigrator {

    public static final String CHANGELOG = "migrations.xml";

    private DatabaseMigrator() {
    }

    /**
     * Liquibase turns auto-commit off on the connection it is given and leaves it off. On a pooled connection
     * that would make every later write on it part of a transaction nobody commits, so it is restored here.
     */
    public static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
                liquibase.update(new Contexts(), new LabelExpression());
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("Migrating the database failed: " + e.getMessage(), e);
        }
    }
}
