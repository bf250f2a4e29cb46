package com.intelia.expert.db;

import org.jdbi.v3.core.Handle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maintenance of the statistics rollups: folding the log of row contributions (stats_delta_log) into them, once at a
 * time across instances, and rebuilding them from the raw rows. Each rollup, as readers see it (its stats_*_live
 * view: rows plus unfolded log), is compared with its stats_expected_* view (figures summed over shards, a missing
 * row counting as zeros). The SQL is assembled only from the fixed definitions below. It runs on the handle of a
 * transaction its caller opened: {@link JdbiRollupStore} (refresh-stats, the fold, the compaction) or a restore.
 */
public final class RollupDao {

    /** A rollup table: its key columns (without shard) and its figures. */
    public record Rollup(String table, List<String> keys, List<String> figures, boolean exactShards) {
    }

    public static final List<Rollup> ROLLUPS = List.of(
            new Rollup("stats_daily", List.of("day", "shard"), List.of("questions", "errors", "feedback_positive",
                    "feedback_negative", "latency_count", "latency_sum_ms", "latency_min_ms", "latency_max_ms"), true),
            new Rollup("stats_daily_source", List.of("day", "source"), List.of("questions"), false),
            new Rollup("stats_daily_user", List.of("day", "user_id"), List.of("questions"), false),
            new Rollup("stats_monthly_user", List.of("month", "user_id"), List.of("questions"), false),
            new Rollup("stats_daily_latency", List.of("day", "bucket"), List.of("count"), false),
            new Rollup("stats_daily_model", List.of("day", "model"),
                    List.of("usages", "prompt_tokens", "completion_tokens"), false));

    private final Handle handle;

    public RollupDao(Handle handle) {
        this.handle = handle;
    }

    /** The log that the rollup trigger appends to and {@link #fold()} empties. */
    public static final String DELTA_LOG = "stats_delta_log";

    private static final String FOLD_LOCK = "hashtext('intelia-expert:stats-fold')";

    /**
     * Waits until no fold runs elsewhere and keeps others from starting, then blocks writes to conversations (not
     * reads) until the transaction ends, so the rebuild sees still rows. In that order: a fold never waits for
     * conversations, so the two cannot wait on each other.
     */
    public void lockConversations() {
        if (hasDeltaLog()) {
            handle.createQuery("SELECT pg_advisory_xact_lock(" + FOLD_LOCK + ")::text").mapTo(String.class).one();
        }
        handle.execute("LOCK TABLE conversations IN SHARE MODE");
    }

    /**
     * Takes the fold lock for the rest of the transaction if no other session holds it: true when taken (or already
     * held by this transaction), false when another instance is folding or compacting now.
     */
    public boolean tryLockFolding() {
        return handle.createQuery("SELECT pg_try_advisory_xact_lock(" + FOLD_LOCK + ")").mapTo(Boolean.class).one();
    }

    /**
     * Moves every contribution committed to stats_delta_log into the rollups: the number of log rows folded, or -1
     * when another transaction is folding now (it counts them instead).
     */
    public int fold() {
        return handle.createQuery("SELECT stats_fold()").mapTo(Integer.class).one();
    }

    private boolean hasDeltaLog() {
        return handle.createQuery("SELECT to_regclass(:name) IS NOT NULL").bind("name", DELTA_LOG)
                .mapTo(Boolean.class).one();
    }

    /** Per rollup, how many figures differ between the table and the raw rows. */
    public Map<String, Long> drift() {
        Map<String, Long> drift = new LinkedHashMap<>();
        for (Rollup rollup : ROLLUPS) {
            drift.put(rollup.table(), handle.createQuery(driftSql(rollup)).mapTo(Long.class).one());
        }
        return drift;
    }

    /** Replaces every rollup with its expected rows and empties the log; returns rows written per rollup. */
    public Map<String, Integer> rebuild() {
        Map<String, Integer> rows = new LinkedHashMap<>();
        if (hasDeltaLog()) {
            handle.execute("DELETE FROM " + DELTA_LOG);
        }
        for (Rollup rollup : ROLLUPS) {
            handle.execute("DELETE FROM " + rollup.table());
            rows.put(rollup.table(), handle.execute("INSERT INTO " + rollup.table()
                    + " SELECT * FROM " + expected(rollup)));
        }
        return rows;
    }

    /**
     * Folds the shards of the days before {@code today} into shard 0 for the rollups whose figures are plain sums,
     * so that reading a long period reads one row per key and day. Today's shards stay spread for writers.
     */
    public int compactBefore(java.time.LocalDate today) {
        int moved = 0;
        for (Rollup rollup : ROLLUPS) {
            if (rollup.exactShards() || !ROLLUPS_WITH_SHARDS.contains(rollup.table())) {
                continue;
            }
            String keys = String.join(", ", rollup.keys());
            String sums = String.join(", ", rollup.figures().stream().map(f -> "sum(" + f + ")").toList());
            String figures = String.join(", ", rollup.figures());
            String add = String.join(", ", rollup.figures().stream().map(f -> f + " = t." + f + " + EXCLUDED." + f).toList());
            moved += handle.createUpdate("WITH moved AS (DELETE FROM " + rollup.table()
                    + " WHERE day < :today AND shard <> 0 RETURNING *)"
                    + " INSERT INTO " + rollup.table() + " AS t (" + keys + ", shard, " + figures + ")"
                    + " SELECT " + keys + ", 0, " + sums + " FROM moved GROUP BY " + keys + " ORDER BY " + keys
                    + " ON CONFLICT (" + keys + ", shard) DO UPDATE SET " + add)
                    .bind("today", today).execute();
        }
        return moved;
    }

    private static final List<String> ROLLUPS_WITH_SHARDS =
            List.of("stats_daily_source", "stats_daily_latency", "stats_daily_model");

    private static String expected(Rollup rollup) {
        return rollup.table().replace("stats_", "stats_expected_");
    }

    private static String driftSql(Rollup rollup) {
        String keys = String.join(", ", rollup.keys());
        StringBuilder current = new StringBuilder("SELECT ").append(keys);
        StringBuilder differing = new StringBuilder("0");
        for (String figure : rollup.figures()) {
            boolean extreme = figure.endsWith("_min_ms") || figure.endsWith("_max_ms");
            String aggregate = !extreme ? "sum(" + figure + ")" : figure.endsWith("_min_ms") ? "min(" + figure + ")"
                    : "max(" + figure + ")";
            current.append(", ").append(aggregate).append(" AS ").append(figure);
            String missing = extreme ? "-1" : "0";
            differing.append(" + (COALESCE(a.").append(figure).append(", ").append(missing)
                    .append(") IS DISTINCT FROM COALESCE(e.").append(figure).append(", ").append(missing)
                    .append("))::int");
        }
        current.append(" FROM ").append(rollup.table()).append("_live GROUP BY ").append(keys);
        return "SELECT COALESCE(sum(" + differing + "), 0) FROM (" + current + ") a FULL JOIN (SELECT * FROM "
                + expected(rollup) + ") e USING (" + keys + ")";
    }
}
