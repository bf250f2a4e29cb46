package com.intelia.expert.stats;

import com.intelia.expert.db.ReadDatabase;
import com.intelia.expert.db.RollupDao;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes append to stats_delta_log; folding moves it into the rollups once across instances: while one session holds
 * the fold lock, another instance's fold and compaction skip and leave the log for it. Figures read the same before,
 * during and after.
 */
class RollupFoldTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T12:00:00Z"), ZoneOffset.UTC);
    private static final DashboardRange RANGE = DashboardRange.between(LocalDate.parse("2025-11-18"),
            LocalDate.parse("2025-11-20"), LocalDate.of(2025, 11, 20));

    @Test
    void aFoldRunsOnceAcrossInstancesAndChangesNoFigure() {
        TestDatabase database = TestDatabase.migrated();
        Jdbi jdbi = Jdbi.create(database.dataSource()).installPlugin(new SqlObjectPlugin());
        database.execute("""
                INSERT INTO conversations (session_id, user_id, question, response, response_source,
                    processing_time_ms, created_at)
                SELECT 's' || g, gen_random_uuid(), 'Q', 'A', 'rag', 10 * g,
                       timestamptz '2025-11-18 08:00+00' + (g % 3) * interval '1 day'
                FROM generate_series(1, 90) g
                """);
        assertThat(database.value("SELECT count(*) FROM stats_delta_log")).isEqualTo(90L);
        assertThat(database.value("SELECT count(*) FROM stats_daily")).as("writers touch no rollup row").isEqualTo(0L);
        DashboardFigures written = new RollupDashboard(ReadDatabase.of(jdbi)).compute(RANGE);
        SameFigures.assertSame(written, new NaiveDashboard(jdbi).compute(RANGE));
        RollupRefresher refresher = Services.rollups(jdbi, CLOCK);

        try (Handle other = jdbi.open()) {
            other.begin();
            assertThat(new RollupDao(other).tryLockFolding()).isTrue();

            assertThat(refresher.fold()).as("another instance folds now").isEqualTo(-1);
            assertThat(refresher.compactClosedDays()).as("skipped").isEmpty();
            assertThat(database.value("SELECT count(*) FROM stats_delta_log")).isEqualTo(90L);
            other.rollback();
        }

        assertThat(refresher.fold()).isEqualTo(90);
        assertThat(database.value("SELECT count(*) FROM stats_delta_log")).isEqualTo(0L);
        assertThat(refresher.fold()).isZero();
        assertThat(new RollupDashboard(ReadDatabase.of(jdbi)).compute(RANGE)).isEqualTo(written);
        assertThat(refresher.drift().values()).allMatch(d -> d == 0);
    }

    @Test
    void aRemovedExtremeStillInTheLogIsReadFromTheRows() {
        TestDatabase database = TestDatabase.migrated();
        Jdbi jdbi = Jdbi.create(database.dataSource()).installPlugin(new SqlObjectPlugin());
        database.execute("""
                INSERT INTO conversations (id, session_id, user_id, question, response, processing_time_ms, created_at)
                SELECT ('00000000-0000-4000-8000-0000000000' || lpad(g::text, 2, '0'))::uuid, 's' || g,
                       gen_random_uuid(), 'Q', 'A', 100 * g, timestamptz '2025-11-19 08:00+00'
                FROM generate_series(1, 40) g
                """);
        Services.rollups(jdbi, CLOCK).fold();

        // the day's minimum and maximum leave; their removal waits in the log
        database.execute("UPDATE conversations SET status = 'deleted' WHERE processing_time_ms IN (100, 4000)");
        database.execute("UPDATE conversations SET feedback = 1 WHERE processing_time_ms = 200");

        DashboardFigures figures = new RollupDashboard(ReadDatabase.of(jdbi)).compute(RANGE);
        assertThat(figures.latency().minMs()).isEqualTo(200);
        assertThat(figures.latency().maxMs()).isEqualTo(3900);
        SameFigures.assertSame(figures, new NaiveDashboard(jdbi).compute(RANGE));
        assertThat(Services.rollups(jdbi, CLOCK).drift().values()).allMatch(d -> d == 0);
    }
}
