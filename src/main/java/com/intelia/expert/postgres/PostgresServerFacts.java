package com.intelia.expert.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * What doctor asks the PostgreSQL server about itself: whether a pooler shares server connections between
 * clients, the connection limit, Liquibase's lock (databasechangeloglock) and the CREATE privilege on the
 * current schema. Every query only reads.
 */
public final class PostgresServerFacts {

    /** Opens a connection of its own, outside any pool. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    /** The server's connection limit: max_connections less the slots reserved for superusers and roles. */
    public record ConnectionLimit(int maxConnections, int reserved) {
        public int usable() {
            return maxConnections - reserved;
        }
    }

    /** Liquibase's lock as databasechangeloglock records it while a migration holds it. */
    public record LiquibaseLock(String lockedBy, String granted) {
    }

    /** Whether current_user may create tables in current_schema() (null when no schema on the search_path exists). */
    public record CreatePrivilege(String user, String schema, boolean granted) {
    }

    private static final String PROBE_SETTING = "intelia.doctor_probe";

    private PostgresServerFacts() {
    }

    /**
     * True when server connections are shared between client connections, as a transaction or statement pooler
     * does: client A sets a session value, and client B then sees it, or A no longer does. PgBouncer hands
     * the most recently released server connection out first, so B gets A's. Three rounds, in case another
     * client took that connection in between.
     */
    public static boolean serverConnectionsShared(ConnectionOpener opener) throws SQLException {
        try (Connection a = opener.open(); Connection b = opener.open()) {
            for (int round = 0; round < 3; round++) {
                String marker = UUID.randomUUID().toString();
                query(a, "SELECT set_config('" + PROBE_SETTING + "', ?, false)", marker);
                if (marker.equals(query(b, "SELECT current_setting('" + PROBE_SETTING + "', true)", null))
                        || !marker.equals(query(a, "SELECT current_setting('" + PROBE_SETTING + "', true)", null))) {
                    return true;
                }
            }
            return false;
        }
    }

    public static ConnectionLimit connectionLimit(Connection connection) throws SQLException {
        // reserved_connections exists from PostgreSQL 16 on; missing counts as none
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT current_setting('max_connections')::int,
                       current_setting('superuser_reserved_connections')::int
                       + coalesce(current_setting('reserved_connections', true), '0')::int""");
             ResultSet result = statement.executeQuery()) {
            result.next();
            return new ConnectionLimit(result.getInt(1), result.getInt(2));
        }
    }

    /** The lock a migration holds (or a killed one left behind), if any. */
    public static Optional<LiquibaseLock> liquibaseLock(Connection connection) throws SQLException {
        if (query(connection, "SELECT to_regclass('databasechangeloglock')::text", null) == null) {
            return Optional.empty();
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT lockedby, lockgranted::text FROM databasechangeloglock WHERE locked ORDER BY id LIMIT 1");
             ResultSet result = statement.executeQuery()) {
            if (!result.next()) {
                return Optional.empty();
            }
            return Optional.of(new LiquibaseLock(result.getString(1), result.getString(2)));
        }
    }

    public static CreatePrivilege createPrivilege(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT current_user, current_schema(),
                       coalesce(has_schema_privilege(current_user, current_schema(), 'CREATE'), false)""");
             ResultSet result = statement.executeQuery()) {
            result.next();
            return new CreatePrivilege(result.getString(1), result.getString(2), result.getBoolean(3));
        }
    }

    private static String query(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }
}
