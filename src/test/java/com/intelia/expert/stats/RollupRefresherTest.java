package com.intelia.expert.stats;

import com.intelia.expert.db.ReadDatabase;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** refresh-stats: finds drift, rebuilds, and leaves figures equal to the raw rows; compaction keeps them. */
class RollupRefresherTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void daysWithoutTimedAnswersDoNotBreakTheLatencyFigures() {
        TestDatabase database = TestDatabase.migrated();
        Jdbi jdbi = Jdbi.create(database.dataSource()).installPlugin(new SqlObjectPlugin());
        database.execute("""
                INSERT INTO conversations (session_id, user_id, question, response, processing_time_ms, created_at)
                VALUES ('a', gen_random_uuid(), 'Q', 'A', NULL, '2025-11-03 10:00+00'),
                       ('b', gen_random_uuid(), 'Q', 'A', 1500, '2025-11-04 10:00+00'),
                       ('c', gen_random_uuid(), 'Q', 'A', NULL, '2025-11-05 10:00+00')
                """);
        DashboardRange november = DashboardRange.between(LocalDate.parse("2025-11-01"), LocalDate.parse("2025-11-30"), LocalDate.of(2025, 11, 20));

        DashboardFigures figures = new RollupDashboard(ReadDatabase.of(jdbi)).compute(november);

        assertThat(figures.totalQuestions()).isEqualTo(3);
        assertThat(figures.latency().count()).isEqualTo(1);
        assertThat(figures.latency().minMs()).isEqualTo(1500);
        assertThat(figures.latency().maxMs()).isEqualTo(1500);
    }

    @Test
    void aRebuildReportsTheDriftItFoundAndRemovesIt() {
        TestDatabase database = TestDatabase.migrated();
        Jdbi jdbi = Jdbi.create(database.dataSource()).installPlugin(new SqlObjectPlugin());
        database.execute("""
                INSERT INTO conversations (session_id, user_id, question, response, response_source,
                    processing_time_ms, created_at)
                SELECT 's-' || g, ('20000000-0000-4000-8000-' || lpad((g % 9)::text, 12, '0'))::uuid, 'Q' || g,
                       'A' || g, 'rag', 100 + g, timestamptz '2025-11-01 00:00:00+00' + g * interval '3 hours'
                FROM generate_series(1, 200) g
                """);
        RollupRefresher refresher = Services.rollups(jdbi, CLOCK);
        assertThat(refresher.drift().values()).allMatch(d -> d == 0);

        // rollups moved behind the triggers' back, as a restore of one table without the other would
        database.execute("ALTER TABLE conversations DISABLE TRIGGER stats_conversations_update");
        database.execute("UPDATE conversations SET user_id = '30000000-0000-4000-8000-000000000000'"
                + " WHERE session_id IN ('s-1', 's-2')");
        database.execute("ALTER TABLE conversations ENABLE TRIGGER stats_conversations_update");
        database.execute("SELECT stats_fold()");
        database.execute("UPDATE stats_daily SET questions = questions + 5 WHERE day = '2025-11-02'"
                + " AND shard = (SELECT min(shard) FROM stats_daily WHERE day = '2025-11-02')");

        RollupRefresher.Report report = refresher.refresh();

        assertThat(report.drift().get("stats_daily")).isEqualTo(1);
        assertThat(report.drift().get("stats_daily_user")).isEqualTo(3);
        assertThat(report.drift().get("stats_monthly_user")).isEqualTo(3);
        assertThat(report.drift().get("stats_daily_source")).isZero();
        assertThat(report.totalDrift()).isEqualTo(7);
        assertThat(refresher.drift().values()).allMatch(d -> d == 0);

        DashboardRange november = DashboardRange.between(LocalDate.parse("2025-11-01"), LocalDate.parse("2025-11-30"), LocalDate.of(2025, 11, 20));
        DashboardFigures rollups = new RollupDashboard(ReadDatabase.of(jdbi)).compute(november);
        DashboardFigures naive = new NaiveDashboard(jdbi).compute(november);
        assertThat(rollups.totalQuestions()).isEqualTo(naive.totalQuestions()).isEqualTo(200);
        assertThat(rollups.topUsers()).isEqualTo(naive.topUsers());
        assertThat(rollups.uniqueUsers()).isEqualTo(10);

        // later writes spread over shards; compacting closed days changes no figure
        database.execute("UPDATE conversations SET response_source = 'openai_fallback', processing_time_ms = 7"
                + " WHERE session_id LIKE 's-1%'");
        assertThat(refresher.compactClosedDays().orElseThrow().shardRowsMerged()).isPositive();
        assertThat(refresher.drift().values()).allMatch(d -> d == 0);
        assertThat(new RollupDashboard(ReadDatabase.of(jdbi)).compute(november).sources())
                .isEqualTo(new NaiveDashboard(jdbi).compute(november).sources());
    }
}
