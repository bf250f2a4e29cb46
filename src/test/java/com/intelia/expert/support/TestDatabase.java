package com.intelia.expert.support;

import com.intelia.expert.migrations.DatabaseMigrator;
import io.dropwizard.testing.ConfigOverride;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A new, empty database on the suite's PostgreSQL, so that each test class (or case) starts clean. */
public final class TestDatabase {

    private final String name;
    private final int port;
    private final PGSimpleDataSource dataSource;

    private TestDatabase(String name, int port) {
        this.name = name;
        this.port = port;
        this.dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(name);
        dataSource.setUser("postgres");
    }

    public static TestDatabase empty() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = TestPostgres.server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new TestDatabase(name, TestPostgres.server().getPort());
    }

    public static TestDatabase migrated() {
        TestDatabase database = empty();
        DatabaseMigrator.migrate(database.dataSource());
        return database;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Points config.yml at this database, as POSTGRES_* variables would, on ports the OS picks. */
    public ConfigOverride[] configOverrides() {
        List<ConfigOverride> all = new ArrayList<>(postgresOverrides());
        all.add(ConfigOverride.config("server.applicationConnectors[0].port", "0"));
        all.add(ConfigOverride.config("server.adminConnectors[0].port", "0"));
        return all.toArray(new ConfigOverride[0]);
    }

    /**
     * The postgres.* part of {@link #configOverrides}, for a test that sets the ports itself: one key overridden
     * twice stays set after the test (the second override restores the first's value).
     */
    public List<ConfigOverride> postgresOverrides() {
        return List.of(
                ConfigOverride.config("postgres.host", "localhost"),
                ConfigOverride.config("postgres.port", Integer.toString(port)),
                ConfigOverride.config("postgres.database", name),
                ConfigOverride.config("postgres.user", "postgres"),
                ConfigOverride.config("postgres.password", "unused"),
                ConfigOverride.config("postgres.sslMode", "disable"));
    }

    /** The environment variables that point the service at this database. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POSTGRES_HOST", "localhost");
        env.put("POSTGRES_PORT", Integer.toString(port));
        env.put("POSTGRES_DB", name);
        env.put("POSTGRES_USER", "postgres");
        env.put("POSTGRES_PASSWORD", "unused");
        env.put("POSTGRES_SSLMODE", "disable");
        return env;
    }

    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows as ordered column maps, values as JDBC returns them. */
    public List<Map<String, Object>> rows(String sql) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Object value(String sql) {
        List<Map<String, Object>> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }
}
