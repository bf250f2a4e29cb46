package com.intelia.expert.db;

import com.intelia.expert.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The errors a real PostgreSQL gives when it is not available now, each read as "try again" (503), and an error about
 * the data itself, which is not.
 */
class SqlStatesTest {

    private static final TestDatabase DATABASE = TestDatabase.empty();

    @Test
    void aConnectionEndedByAnAdministratorOrARestartIs57P01() throws Exception {
        try (Connection victim = DATABASE.dataSource().getConnection();
             Connection admin = DATABASE.dataSource().getConnection();
             Statement statement = victim.createStatement()) {
            int pid = victim.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            admin.createStatement().execute("SELECT pg_terminate_backend(" + pid + ")");

            SQLException error = catchThrowableOfType(SQLException.class, () -> statement.execute("SELECT 1"));

            assertThat(error.getSQLState()).isEqualTo("57P01");
            assertThat(SqlStates.unavailable(error)).isTrue();
        }
    }

    @Test
    void aStatementPastItsTimeoutIs57014() throws Exception {
        try (Connection connection = DATABASE.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = 100");

            SQLException error = catchThrowableOfType(SQLException.class, () -> statement.execute("SELECT pg_sleep(2)"));

            assertThat(error.getSQLState()).isEqualTo("57014");
            assertThat(SqlStates.unavailable(error)).isTrue();
        }
    }

    @Test
    void noConnectionLeftIs53300() throws Exception {
        DATABASE.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'full_role') THEN"
                + " CREATE ROLE full_role LOGIN CONNECTION LIMIT 0; END IF; END $$");
        PGSimpleDataSource full = new PGSimpleDataSource();
        full.setServerNames(new String[] {"localhost"});
        full.setPortNumbers(new int[] {DATABASE.port()});
        full.setDatabaseName(DATABASE.name());
        full.setUser("full_role");

        SQLException error = catchThrowableOfType(SQLException.class, full::getConnection);

        assertThat(error.getSQLState()).isEqualTo("53300");
        assertThat(SqlStates.unavailable(error)).isTrue();
    }

    @Test
    void aServerThatRefusesConnectionsIsClass08() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"localhost"});
        nowhere.setPortNumbers(new int[] {1});
        nowhere.setUser("postgres");

        SQLException error = catchThrowableOfType(SQLException.class, nowhere::getConnection);

        assertThat(error.getSQLState()).startsWith("08");
        assertThat(SqlStates.unavailable(error)).isTrue();
    }

    @Test
    void aWriteToAServerThatIsReadOnlyAsAfterAFailoverIs25006() throws Exception {
        try (Connection connection = DATABASE.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SET default_transaction_read_only = on");

            SQLException error = catchThrowableOfType(SQLException.class,
                    () -> statement.execute("CREATE TABLE written (id int)"));

            assertThat(error.getSQLState()).isEqualTo("25006");
            assertThat(SqlStates.unavailable(error)).isTrue();
        }
    }

    @Test
    void aValueTheDatabaseRefusesIsNotATemporaryFailure() throws Exception {
        try (Connection connection = DATABASE.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS checked (n int CHECK (n > 0))");

            SQLException error = catchThrowableOfType(SQLException.class,
                    () -> statement.execute("INSERT INTO checked VALUES (-1)"));

            assertThat(error.getSQLState()).isEqualTo("23514");
            assertThat(SqlStates.unavailable(error)).isFalse();
        }
    }
}
