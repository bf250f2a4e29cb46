package com.intelia.expert.stats;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.intelia.expert.db.ReadDatabase;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RollupCompactionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aRunFoldsTheShardsOfClosedDaysAndKeepsEveryFigure() {
        TestDatabase database = TestDatabase.migrated();
        Jdbi jdbi = Jdbi.create(database.dataSource()).installPlugin(new SqlObjectPlugin());
        database.execute("""
                INSERT INTO conversations (session_id, user_id, question, response, response_source,
                    processing_time_ms, created_at)
                SELECT 's' || g, gen_random_uuid(), 'Q', 'A', CASE WHEN g % 3 = 0 THEN 'rag' ELSE 'openai_fallback' END,
                    100 * g, timestamptz '2025-11-18 08:00+00' + (g % 3) * interval '1 day'
                FROM generate_series(1, 300) g
                """);
        DashboardRange range = DashboardRange.between(LocalDate.parse("2025-11-18"), LocalDate.parse("2025-11-20"), LocalDate.of(2025, 11, 20));
        DashboardFigures before = new RollupDashboard(ReadDatabase.of(jdbi)).compute(range);
        Services.rollups(jdbi, CLOCK).fold();
        long closedShardRows = (Long) database.value(
                "SELECT count(*) FROM stats_daily_source WHERE day < '2025-11-20' AND shard <> 0");

        new RollupCompaction(Services.rollups(jdbi, CLOCK), Duration.ofHours(1)).compact();

        assertThat(closedShardRows).isPositive();
        assertThat(database.value("SELECT count(*) FROM stats_daily_source WHERE day < '2025-11-20' AND shard <> 0"))
                .isEqualTo(0L);
        assertThat(database.value("SELECT count(*) FROM stats_daily_source WHERE day = '2025-11-20' AND shard <> 0"))
                .as("today keeps its write shards").isNotEqualTo(0L);
        assertThat(new RollupDashboard(ReadDatabase.of(jdbi)).compute(range)).isEqualTo(before);
        assertThat(Services.rollups(jdbi, CLOCK).drift().values()).allMatch(d -> d == 0);
    }

    @Test
    void failedRunsAreLoggedOnceWithTheirSqlStateNotThrown() {
        TestDatabase database = TestDatabase.migrated();
        Jdbi jdbi = Jdbi.create(database.dataSource()).installPlugin(new SqlObjectPlugin());
        database.execute("DROP TABLE stats_daily_source CASCADE");
        RollupCompaction compaction = new RollupCompaction(Services.rollups(jdbi, CLOCK), Duration.ofHours(1));

        Logger logger = (Logger) LoggerFactory.getLogger(RollupCompaction.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            compaction.compact();
            compaction.compact();
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(logged.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .isEqualTo("Rollup compaction failed (SQLSTATE 42P01), retrying every PT1H");
    }
}
