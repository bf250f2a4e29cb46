package com.intelia.expert.db;

import com.intelia.expert.cli.ProgressBar;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Moves whole tables in and out with PostgreSQL COPY (text format: one row per line). Each table is
 * framed by a header with its columns and a trailer with its row count and SHA-256, checked on the
 * way back in.
 */
public final class TableCopier {

    static final String MAGIC = "# intelia-expert backup v1";
    private static final String END_OF_DATA = "\\.";

    private final Connection connection;
    private final PrintStream progress;

    public TableCopier(Connection connection, PrintStream progress) {
        this.connection = connection;
        this.progress = progress;
    }

    /** Row counts per table, for the caller's summary. */
    public record TableResult(String table, long rows, String sha256) {
    }

    public List<TableResult> backup(List<String> tables, Writer out) throws SQLException, IOException {
        out.write(MAGIC + "\n");
        List<TableResult> results = new ArrayList<>();
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        for (String table : tables) {
            List<String> columns = columns(table);
            long total = count(table);
            out.write("@table " + table + " " + String.join(",", columns) + "\n");
            MessageDigest digest = sha256();
            ProgressBar bar = new ProgressBar(progress, table, total);
            long rows = 0;
            CopyOut copyOut = copy.copyOut("COPY " + table + " (" + String.join(", ", columns) + ") TO STDOUT");
            byte[] line;
            while ((line = copyOut.readFromCopy()) != null) {
                digest.update(line);
                out.write(new String(line, StandardCharsets.UTF_8));
                rows++;
                bar.step();
            }
            bar.finish();
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
     * Loads every table of a backup; throws when a count or checksum differs or the file ends early.
     * The caller's transaction makes that all or nothing.
     */
    public List<TableResult> restore(BufferedReader in, List<String> allowedTables) throws SQLException, IOException {
        if (!MAGIC.equals(in.readLine())) {
            throw new BackupFileException("not an intelia-expert backup (first line differs)");
        }
        List<TableResult> results = new ArrayList<>();
        PGConnection pg = connection.unwrap(PGConnection.class);
        String header;
        while ((header = in.readLine()) != null && !header.equals("@done")) {
            String[] parts = header.split(" ");
            if (parts.length != 3 || !parts[0].equals("@table") || !allowedTables.contains(parts[1])) {
                throw new BackupFileException("unexpected line in backup: " + abbreviate(header));
            }
            String table = parts[1];
            List<String> known = columns(table);
            List<String> given = List.of(parts[2].split(","));
            if (!known.containsAll(given)) {
                throw new BackupFileException("backup of " + table + " has columns this database lacks; run db migrate"
                        + " on a database of the same or a newer version");
            }
            String columns = String.join(", ", given);
            MessageDigest digest = sha256();
            ProgressBar bar = new ProgressBar(progress, table, 0);
            long rows = 0;
            CopyIn copyIn = pg.getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
            try {
                String line;
                while ((line = in.readLine()) != null && !line.equals(END_OF_DATA)) {
                    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                    digest.update(bytes);
                    copyIn.writeToCopy(bytes, 0, bytes.length);
                    rows++;
                    bar.step();
                }
                if (line == null) {
                    throw new BackupFileException("backup ends inside table " + table);
                }
                copyIn.endCopy();
            } finally {
                if (copyIn.isActive()) {
                    copyIn.cancelCopy();
                }
            }
            bar.finish();
            String trailer = in.readLine();
            String sha = HexFormat.of().formatHex(digest.digest());
            String expected = "@end " + table + " rows=" + rows + " sha256=" + sha;
            if (!expected.equals(trailer)) {
                throw new BackupFileException("table " + table + " does not match its recorded row count or checksum"
                        + " (read " + rows + " rows); the backup file is damaged");
            }
            results.add(new TableResult(table, rows, sha));
        }
        if (header == null) {
            throw new BackupFileException("backup ends before its last line; the file is incomplete");
        }
        return results;
    }

    public long count(String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    private List<String> columns(String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (var statement = connection.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    columns.add(result.getString(1));
                }
            }
        }
        return columns;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
