package com.intelia.expert.migrations;

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

/**
 * Applies migrations.xml, the same changelog that {@code db migrate} runs, from inside the process: one run at a time
 * across processes ({@link MigrationLock}), and only when every check that could halt it part-way passes first.
 */
public final class DatabaseMigrator {

    public static final String CHANGELOG = "migrations.xml";

    private DatabaseMigrator() {
    }

    /**
     * Migrates to the end of migrations.xml on one connection of {@code dataSource}, which holds the migration lock
     * too (so a pool of one connection is enough). Liquibase turns auto-commit off on the connection it is given and
     * leaves it off; on a pooled connection that would make every later write on it part of a transaction nobody
     * commits, so it is restored here.
     *
     * @throws MigrationHaltedException when a pre-flight check fails; nothing was changed
     * @throws IllegalStateException when Liquibase or PostgreSQL fails during the run
     */
    public static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try (MigrationLock lock = MigrationLock.acquireOn(connection)) {
                lock.checkReady();
                update(connection);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (MigrationHaltedException | IllegalStateException e) {
            throw e;
        } catch (SQLException e) {
            throw new IllegalStateException("Migrating the database failed: " + e.getMessage(), e);
        }
    }

    /** Something that migrates, run by {@link #exclusively}. */
    public interface Migration {
        void run() throws Exception;
    }

    /**
     * Runs {@code migration} under the migration lock, after the pre-flight checks passed.
     *
     * @throws MigrationHaltedException when a check fails; nothing was changed
     */
    public static void exclusively(DataSource dataSource, Migration migration) {
        try (MigrationLock lock = MigrationLock.acquire(dataSource)) {
            lock.checkReady();
            migration.run();
        } catch (MigrationHaltedException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Migrating the database failed: " + e.getMessage(), e);
        }
    }

    /** Runs Liquibase on the connection that holds the migration lock. */
    private static void update(Connection connection) {
        try {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);
            liquibase.update(new Contexts(), new LabelExpression());
        } catch (LiquibaseException e) {
            throw new IllegalStateException("Migrating the database failed: " + e.getMessage(), e);
        }
    }
}
