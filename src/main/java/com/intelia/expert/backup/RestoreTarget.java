package com.intelia.expert.backup;

import com.intelia.expert.db.RollupDao;
import org.jdbi.v3.core.Handle;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database a restore writes into, within the restore's transaction: which owned tables it has and which hold
 * rows, emptying them for --replace together with the statistics rollups derived from them, and rebuilding those
 * rollups from the restored rows before the commit. TRUNCATE fires no row triggers while COPY fires the insert
 * trigger, so without both the rollups kept the old figures and added the restored ones (every figure doubled).
 */
public final class RestoreTarget {

    private final Handle handle;
    private final TableSchema schema;

    public RestoreTarget(Handle handle) {
        this.handle = handle;
        this.schema = new TableSchema(handle.getConnection());
    }

    /** The tables of {@link BackupTables} this database has. */
    public List<String> ownedTables() throws SQLException {
        return schema.existing(BackupTables.TABLES);
    }

    /** Owned tables that hold rows, with their counts. */
    public Map<String, Long> tablesWithRows() throws SQLException {
        Map<String, Long> held = new LinkedHashMap<>();
        for (String table : ownedTables()) {
            long rows = schema.count(table);
            if (rows > 0) {
                held.put(table, rows);
            }
        }
        return held;
    }

    /** Empties every owned table and every rollup this database has. */
    public void empty() throws SQLException {
        List<String> tables = new ArrayList<>(ownedTables());
        tables.addAll(schema.existing(rollupTables()));
        if (!tables.isEmpty()) {
            handle.execute("TRUNCATE " + String.join(", ", tables.stream().map(TableSchema::quote).toList()));
        }
    }

    /**
     * Replaces every rollup with the figures of the rows now in conversations; false (nothing done) when the
     * database has no rollups yet (not migrated).
     */
    public boolean rebuildRollups() throws SQLException {
        if (!schema.exists("stats_daily")) {
            return false;
        }
        RollupDao rollups = new RollupDao(handle);
        rollups.lockConversations();
        rollups.rebuild();
        return true;
    }

    private static List<String> rollupTables() {
        List<String> tables = new ArrayList<>(RollupDao.ROLLUPS.stream().map(RollupDao.Rollup::table).toList());
        tables.add(RollupDao.DELTA_LOG);
        return tables;
    }
}
