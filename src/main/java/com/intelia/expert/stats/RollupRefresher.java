package com.intelia.expert.stats;

import com.intelia.expert.db.RollupDao;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Rebuilds every statistics rollup from the raw conversations in one transaction and says how far the rollups had
 * drifted (per rollup, the number of figures that differed; zero when every write moved them as it should).
 * Writes to conversations wait while it runs; reads do not. The admin task refresh-stats runs it.
 */
public class RollupRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(RollupRefresher.class);

    private final Jdbi jdbi;
    private final Clock clock;

    public RollupRefresher(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** What a refresh found and did. */
    public record Report(Map<String, Long> drift, Map<String, Integer> rowsWritten, long millis) {
        public long totalDrift() {
            return drift.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Report refresh() {
        long started = System.nanoTime();
        Report report = jdbi.inTransaction(handle -> {
            RollupDao rollups = new RollupDao(handle);
            rollups.lockConversations();
            Map<String, Long> drift = rollups.drift();
            Map<String, Integer> written = rollups.rebuild();
            return new Report(drift, written, 0);
        });
        long millis = (System.nanoTime() - started) / 1_000_000;
        report = new Report(report.drift(), report.rowsWritten(), millis);
        if (report.totalDrift() == 0) {
            LOG.info("Statistics rollups rebuilt in {} ms; no drift", millis);
        } else {
            LOG.warn("Statistics rollups rebuilt in {} ms; drift found: {}", millis, report.drift());
        }
        return report;
    }

    /** Only the comparison, changing nothing. */
    public Map<String, Long> drift() {
        return jdbi.inTransaction(handle -> new RollupDao(handle).drift());
    }

    /**
     * What one compaction did: skipped (another instance held the fold lock), or the log rows it folded first and
     * the shard rows of closed days it merged.
     */
    public record Compaction(boolean skipped, int logRowsFolded, int shardRowsMerged) {
        static final Compaction SKIPPED = new Compaction(true, 0, 0);
    }

    /**
     * Folds the write shards of closed days (before today, UTC) into one row per key, so that long periods read
     * fewer rows, after folding the log. Safe to run at any time from any number of instances: while one instance
     * folds or compacts, the others skip. Meant to run every few minutes or hourly.
     */
    public Compaction compactClosedDays() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return jdbi.inTransaction(handle -> {
            RollupDao rollups = new RollupDao(handle);
            if (!rollups.tryLockFolding()) {
                return Compaction.SKIPPED;
            }
            int folded = rollups.fold();
            return new Compaction(false, folded, rollups.compactBefore(today));
        });
    }

    /**
     * Moves the row contributions that writers appended to stats_delta_log into the rollups, in one short
     * transaction: the number of log rows folded, or -1 when another instance is folding at this moment. Readers
     * see the same figures before and after (they add the log).
     */
    public int fold() {
        return jdbi.inTransaction(handle -> new RollupDao(handle).fold());
    }
}
