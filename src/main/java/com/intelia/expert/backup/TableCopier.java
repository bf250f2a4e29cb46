package com.intelia.expert.backup;

import com.intelia.expert.backup.TableSchema.Column;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;
import org.postgresql.util.PSQLException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Moves whole tables in and out with PostgreSQL COPY (text format: one row per line), by column name, so that a
 * backup restores into any database whose tables have its columns. The file starts with every table's columns
 * and types ({@code @column} lines, checked before a row is written), then each table's rows framed by a header
 * and a trailer with the row count and SHA-256, checked on the way back in. Version 1 files (columns only in each
 * table's header) are still read.
 */
public final class TableCopier {

    static final String MAGIC_V1 = "# intelia-expert backup v1";
    static final String MAGIC = "# intelia-expert backup v2";
    private static final String END_OF_DATA = "\\.";
    private static final Pattern COPY_WHERE = Pattern.compile("line (\\d+)(?:, column ([^:]+))?");

    /** What a copy reports as it goes; the commands draw a progress bar with it. */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void start(String table, long expectedRows) {
            }

            @Override
            public void row() {
            }

            @Override
            public void finish() {
            }
        };

        /** A table begins; {@code expectedRows} is 0 when unknown. */
        void start(String table, long expectedRows);

        void row();

        void finish();
    }

    /** Row count and checksum of one table, for the caller's summary. */
    public record TableResult(String table, long rows, String sha256) {
    }

    /** A backup whose column lists were read and found to fit this database; its rows follow. */
    public record Incoming(Map<String, List<Column>> tables, String nextLine) {
    }

    private final Connection connection;
    private final TableSchema schema;
    private final Progress progress;

    /**
     * Starts a read-only REPEATABLE READ transaction on {@code connection}, so that every table of one backup is read
     * as of the same instant while the service keeps writing. The caller ends it (rollback) when the copy is done.
     */
    public static void beginSnapshot(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (var statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    public TableCopier(Connection connection, Progress progress) {
        this.connection = connection;
        this.schema = new TableSchema(connection);
        this.progress = progress;
    }

    /** Writes {@code tables} (all of which must exist) with every column each has. */
    public List<TableResult> backup(List<String> tables, Writer out) throws SQLException, IOException {
        out.write(MAGIC + "\n");
        Map<String, List<Column>> columns = new LinkedHashMap<>();
        for (String table : tables) {
            columns.put(table, schema.columns(table));
            for (Column column : columns.get(table)) {
                if (!column.name().matches("[^,\\s]+")) {
                    throw new IllegalStateException("a column name of " + table + " has a comma or a space;"
                            + " rename it before taking a backup");
                }
                out.write("@column " + table + " " + column.name() + " " + column.type() + "\n");
            }
        }
        List<TableResult> results = new ArrayList<>();
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        for (String table : tables) {
            List<String> names = columns.get(table).stream().map(Column::name).toList();
            out.write("@table " + table + " " + String.join(",", names) + "\n");
            MessageDigest digest = sha256();
            progress.start(table, schema.count(table));
            long rows = 0;
            CopyOut copyOut = copy.copyOut("COPY " + TableSchema.quote(table) + " (" + quoted(names) + ") TO STDOUT");
            byte[] line;
            while ((line = copyOut.readFromCopy()) != null) {
                digest.update(line);
                out.write(new String(line, StandardCharsets.UTF_8));
                rows++;
                progress.row();
            }
            progress.finish();
            String sha = HexFormat.of().formatHex(digest.digest());
            out.write(END_OF_DATA + "\n");
            out.write("@end " + table + " rows=" + rows + " sha256=" + sha + "\n");
            results.add(new TableResult(table, rows, sha));
        }
        out.write("@done\n");
        out.flush();
        return results;
    }

    /**
     * Reads the start of a backup up to its first rows and refuses it, before anything is written, when a table or
     * column it holds is missing here. {@code known} are the tables this version restores.
     */
    public Incoming readColumns(BufferedReader in, List<String> known) throws SQLException, IOException {
        String magic = in.readLine();
        if (!MAGIC.equals(magic) && !MAGIC_V1.equals(magic)) {
            throw new BackupFileException("not an intelia-expert backup (first line differs)");
        }
        Map<String, List<Column>> tables = new LinkedHashMap<>();
        String line = in.readLine();
        while (line != null && line.startsWith("@column ")) {
            String[] parts = line.split(" ", 4);
            if (parts.length != 4) {
                throw new BackupFileException("backup has a damaged column line; the file is damaged");
            }
            tables.computeIfAbsent(parts[1], t -> new ArrayList<>()).add(new Column(parts[2], parts[3]));
            line = in.readLine();
        }
        for (Map.Entry<String, List<Column>> table : tables.entrySet()) {
            checkFits(table.getKey(), table.getValue(), known);
        }
        return new Incoming(tables, line);
    }

    /**
     * Loads every table of a backup read by {@link #readColumns}; throws when a count or checksum differs or the
     * file ends early. The caller's transaction makes that all or nothing.
     */
    public List<TableResult> restore(BufferedReader in, Incoming incoming, List<String> known)
            throws SQLException, IOException {
        List<TableResult> results = new ArrayList<>();
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        String header = incoming.nextLine();
        while (header != null && !header.equals("@done")) {
            String[] parts = header.split(" ");
            if (parts.length != 3 || !parts[0].equals("@table")) {
                throw new BackupFileException("unexpected line in backup after " + results.size() + " tables; the file is damaged");
            }
            String table = parts[1];
            List<String> given = List.of(parts[2].split(","));
            List<Column> declared = incoming.tables().get(table);
            if (declared == null && !incoming.tables().isEmpty()) {
                throw new BackupFileException("backup rows of table " + table + " have no column list; the file is damaged");
            }
            if (declared == null) {
                checkFits(table, given.stream().map(name -> new Column(name, "unknown type")).toList(), known);
            } else if (!declared.stream().map(Column::name).toList().equals(given)) {
                throw new BackupFileException("backup rows of table " + table + " differ from its column list; the file is damaged");
            }
            results.add(load(copy, in, table, given, declared));
            header = in.readLine();
        }
        if (header == null) {
            throw new BackupFileException("backup ends before its last line; the file is incomplete");
        }
        List<String> loaded = results.stream().map(TableResult::table).toList();
        if (!loaded.containsAll(incoming.tables().keySet())) {
            throw new BackupFileException("backup lacks the rows of a table it lists; the file is damaged");
        }
        return results;
    }

    private TableResult load(CopyManager copy, BufferedReader in, String table, List<String> columns,
                             List<Column> declared) throws SQLException, IOException {
        Map<String, String> typesHere = schema.columns(table).stream()
                .collect(Collectors.toMap(Column::name, Column::type));
        MessageDigest digest = sha256();
        progress.start(table, 0);
        long rows = 0;
        CopyIn copyIn = copy.copyIn("COPY " + TableSchema.quote(table) + " (" + quoted(columns) + ") FROM STDIN");
        try {
            String line;
            while ((line = in.readLine()) != null && !line.equals(END_OF_DATA)) {
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                digest.update(bytes);
                copyIn.writeToCopy(bytes, 0, bytes.length);
                rows++;
                progress.row();
            }
            if (line == null) {
                throw new BackupFileException("backup ends inside table " + table);
            }
            copyIn.endCopy();
        } catch (SQLException e) {
            throw doesNotFit(table, declared, typesHere, e);
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
        progress.finish();
        String trailer = in.readLine();
        String sha = HexFormat.of().formatHex(digest.digest());
        String expected = "@end " + table + " rows=" + rows + " sha256=" + sha;
        if (!expected.equals(trailer)) {
            throw new BackupFileException("table " + table + " does not match its recorded row count or checksum"
                    + " (read " + rows + " rows); the backup file is damaged");
        }
        return new TableResult(table, rows, sha);
    }

    private void checkFits(String table, List<Column> columns, List<String> known) throws SQLException {
        if (!known.contains(table)) {
            throw new BackupMismatch("the backup holds table " + table + ", which this version does not restore;"
                    + " restore it with the version that wrote it");
        }
        if (!schema.exists(table)) {
            throw new BackupMismatch("the backup holds table " + table + ", which this database lacks; restore into"
                    + " a database created with the backup's schema, then run db migrate");
        }
        List<String> here = schema.columns(table).stream().map(Column::name).toList();
        for (Column column : columns) {
            if (!here.contains(column.name())) {
                throw new BackupMismatch("the backup's column " + table + "." + column.name() + " (" + column.type()
                        + ") is missing from this database; restore into a database created with the backup's"
                        + " schema, then run db migrate");
            }
        }
    }

    /** Says which table, line and column did not fit, never the value (it is user data). */
    private static BackupMismatch doesNotFit(String table, List<Column> declared, Map<String, String> typesHere,
                                             SQLException e) {
        String where = e instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getWhere() : null;
        String place = "";
        Matcher matcher = where == null ? null : COPY_WHERE.matcher(where);
        if (matcher != null && matcher.find()) {
            place = ", row " + matcher.group(1);
            String name = matcher.group(2);
            Map<String, String> backupTypes = declared == null ? Map.of()
                    : declared.stream().collect(Collectors.toMap(Column::name, Column::type));
            if (name != null && typesHere.containsKey(name)) {
                place += ", column " + name + " (" + backupTypes.getOrDefault(name, "unknown type") + " in the backup, "
                        + typesHere.get(name) + " here)";
            }
        }
        return new BackupMismatch("the backup's rows of " + table + " do not fit this database (SQLSTATE "
                + e.getSQLState() + place + "); restore into a database created with the backup's schema,"
                + " then run db migrate");
    }

    private static String quoted(List<String> names) {
        return names.stream().map(TableSchema::quote).collect(Collectors.joining(", "));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A backup that does not fit the database it is restored into. */
    public static final class BackupMismatch extends IllegalStateException {
        BackupMismatch(String message) {
            super(message);
        }
    }

}
