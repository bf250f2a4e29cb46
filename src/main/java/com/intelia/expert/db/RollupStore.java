package com.intelia.expert.db;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The statistics rollups as stats/RollupRefresher maintains them: the rollup tables ({@code stats_daily},
 * {@code stats_daily_source}, {@code stats_daily_user}, {@code stats_monthly_user}, {@code stats_daily_latency},
 * {@code stats_daily_model}; {@link RollupDao#ROLLUPS}), the log of row contributions the trigger on
 * {@code conversations} appends to ({@code stats_delta_log}), and {@code conversations} itself, read through the
 * {@code stats_expected_*} views and locked against writes during a rebuild. Folding and compaction run once across
 * instances: they take a PostgreSQL advisory lock (the fold lock) if no other session holds it and skip otherwise; a
 * rebuild waits for that lock. Each method is one transaction. Implemented over Jdbi by {@link JdbiRollupStore}. A
 * failure is a {@code JdbiException} that wrote nothing: in refresh-stats a 503 with Retry-After when PostgreSQL is
 * unavailable now ({@link SqlStates#unavailable}), else a 500; in the scheduled runs a log line and a retry.
 */
public interface RollupStore {

    /**
     * What a rebuild found and wrote, both keyed by rollup table in {@link RollupDao#ROLLUPS}' order: per table the
     * figures that differed from the raw rows before it (0 when every write moved them as it should), and the rows
     * it wrote.
     */
    record Rebuilt(Map<String, Long> drift, Map<String, Integer> rowsWritten) {
    }

    /** A compaction that held the fold lock: the log rows it folded first, and the shard rows of closed days merged. */
    record Compacted(int logRowsFolded, int shardRowsMerged) {
    }

    /**
     * Replaces every rollup with the figures of the rows in {@code conversations} and empties the log, in one
     * transaction: it waits for the fold lock (no fold or compaction runs meanwhile), then blocks writes to
     * conversations (not reads) until it commits, and measures the drift before writing.
     */
    Rebuilt rebuild();

    /**
     * Per rollup table (in {@link RollupDao#ROLLUPS}' order), how many figures readers see (rollup plus unfolded
     * log) differ from the raw rows now; writes nothing and takes no lock.
     */
    Map<String, Long> drift();

    /**
     * Under the fold lock, if no other session holds it: folds the log into the rollups, then merges the write
     * shards of the days before {@code today} (UTC) into one row per key, in one transaction.
     *
     * @return what it did; empty when another instance was folding or compacting (nothing done)
     */
    Optional<Compacted> compactBefore(LocalDate today);

    /**
     * Moves every contribution committed to the log into the rollups, in one short transaction ({@code stats_fold()},
     * which takes the fold lock if it is free).
     *
     * @return the log rows folded (0 when the log was empty), or -1 when another instance is folding now (nothing done)
     */
    int fold();
}
