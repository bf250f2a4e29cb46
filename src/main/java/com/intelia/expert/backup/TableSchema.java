package com.intelia.expert.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables and columns the connected database has (in its current schema), read from the catalog, so that
 * backup and restore follow the database as it is, legacy or migrated, instead of a fixed column list.
 */
public final class TableSchema {

    /** A column and its type as PostgreSQL spells it ({@code character varying(255)}). */
    public record Column(String name, String type) {
    }

    private final Connection connection;

    public TableSchema(Connection connection) {
        this.connection = connection;
    }

    /** Those of {@code tables} that exist here, in the given order. */
    public List<String> existing(List<String> tables) throws SQLException {
        List<String> present = new ArrayList<>();
        for (String table : tables) {
            if (exists(table)) {
                present.add(table);
            }
        }
        return present;
    }

    public boolean exists(String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                               WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p'))""")) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /** The columns COPY can write, in table order (generated and dropped columns left out). */
    public List<Column> columns(String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod)
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p')
                  AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                ORDER BY a.attnum""")) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    columns.add(new Column(result.getString(1), result.getString(2)));
                }
            }
        }
        return columns;
    }

    public long count(String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + quote(table));
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** An identifier as SQL text, double-quoted. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
