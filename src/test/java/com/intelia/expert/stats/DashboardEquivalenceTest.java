package com.intelia.expert.stats;

import com.intelia.expert.db.ReadDatabase;
import com.intelia.expert.api.ConversationMetadata;
import com.intelia.expert.api.FeedbackRequest;
import com.intelia.expert.api.SaveConversationRequest;
import com.intelia.expert.core.Caller;
import com.intelia.expert.core.ConversationService;
import com.intelia.expert.core.FeedbackService;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Random data written through every write path (saves that create and update, ratings, delete-all, a user_id
 * repair), then every dashboard figure from the rollups compared with the same figure computed over the raw rows.
 */
class DashboardEquivalenceTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 11, 20);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T15:00:00Z"), ZoneOffset.UTC);
    private static final String[] SOURCES = {"rag", "openai_fallback", "table_lookup", "perfstore", "error", null,
        "knowledge_graph"};
    private static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "gpt-4.1", null};

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final Jdbi JDBI = Jdbi.create(DATABASE.dataSource()).installPlugin(new SqlObjectPlugin());
    private static final RollupDashboard ROLLUPS = new RollupDashboard(ReadDatabase.of(JDBI));
    private static final NaiveDashboard NAIVE = new NaiveDashboard(JDBI);

    @BeforeAll
    static void fillThroughEveryWritePath() throws Exception {
        Random random = new Random(20251120L);
        ConversationService conversations = Services.conversations(JDBI, CLOCK);
        FeedbackService feedback = Services.feedback(JDBI);
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            users.add(new UUID(random.nextLong(), random.nextLong()));
        }
        Caller admin = new Caller(UUID.randomUUID(), "admin@example.com", true);

        // creates, from 8 threads at once so that rollup rows are contended
        List<SaveConversationRequest> created = new ArrayList<>();
        for (int i = 0; i < 1600; i++) {
            created.add(randomSave(random, UUID.randomUUID(), users.get(random.nextInt(users.size())), null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> saves = new ArrayList<>();
            for (SaveConversationRequest request : created) {
                saves.add(pool.submit(() -> conversations.save(request, admin)));
            }
            for (Future<?> save : saves) {
                save.get();
            }
            // updates: the same id saved again with a new source, latency and usage, also concurrently
            List<Future<?>> updates = new ArrayList<>();
            for (SaveConversationRequest request : created) {
                if (random.nextInt(10) < 3) {
                    SaveConversationRequest update = randomSave(random, request.conversationId(), request.userId(),
                            request.timestamp());
                    updates.add(pool.submit(() -> conversations.save(update, admin)));
                }
            }
            for (Future<?> update : updates) {
                update.get();
            }
        } finally {
            pool.shutdown();
        }
        // ratings, some changed afterwards
        for (SaveConversationRequest request : created) {
            int roll = random.nextInt(10);
            if (roll < 4) {
                feedback.rate(request.conversationId(), new FeedbackRequest(roll < 2 ? 1 : -1, "ok", null), admin);
            }
            if (roll == 0 && random.nextBoolean()) {
                feedback.rate(request.conversationId(), new FeedbackRequest(-1, "changed my mind", null), admin);
            }
        }
        // delete-all of three users, then one of their conversations saved again (which makes it active again)
        for (int i = 0; i < 3; i++) {
            conversations.deleteAll(users.get(i), admin);
        }
        created.stream().filter(r -> r.userId().equals(users.get(0))).limit(2)
                .forEach(r -> conversations.save(randomSave(random, r.conversationId(), r.userId(), r.timestamp()),
                        admin));
        // a user_id repair, as fix-user-id makes it
        DATABASE.execute("UPDATE conversations SET user_id = '" + users.get(5) + "' WHERE user_id = '"
                + users.get(6) + "'");
        // a hard delete of a few rows, as an operator might
        DATABASE.execute("DELETE FROM conversations WHERE id IN (SELECT id FROM conversations ORDER BY id LIMIT 5)");
    }

    private static SaveConversationRequest randomSave(Random random, UUID id, UUID user, OffsetDateTime at) {
        OffsetDateTime timestamp = at != null ? at : TODAY.atStartOfDay().atOffset(ZoneOffset.UTC)
                .minusDays(random.nextInt(200) - 5)
                .plusSeconds(random.nextInt(86_400));
        String source = SOURCES[random.nextInt(SOURCES.length)];
        Integer latency = random.nextInt(10) == 0 ? null
                : random.nextInt(50) == 0 ? 0 : (int) Math.min(86_000_000, Math.exp(5 + random.nextGaussian() * 1.5 + 2));
        String model = MODELS[random.nextInt(MODELS.length)];
        boolean usage = random.nextBoolean();
        ConversationMetadata metadata = new ConversationMetadata(source, random.nextDouble(), latency,
                random.nextBoolean() ? "fr" : "en", null, null, model,
                usage ? random.nextInt(3000) : null, usage ? random.nextInt(800) : null);
        String response = random.nextInt(20) == 0 ? "" : "Answer " + random.nextInt(1000);
        return new SaveConversationRequest(id, "Question " + random.nextInt(1000) + " about broilers?", response,
                user, timestamp, null, null, null, null, null, metadata);
    }

    @Test
    void everyDashboardFigureFromTheRollupsEqualsTheRawRows() {
        List<DashboardRange> ranges = new ArrayList<>();
        for (DashboardRange.Period period : DashboardRange.Period.values()) {
            ranges.add(DashboardRange.of(period, TODAY));
        }
        Random random = new Random(7);
        for (int i = 0; i < 25; i++) {
            LocalDate from = TODAY.minusDays(random.nextInt(230));
            LocalDate to = from.plusDays(random.nextInt(120));
            ranges.add(DashboardRange.between(from, to, TODAY));
        }
        ranges.add(DashboardRange.between(LocalDate.parse("2025-10-01"), LocalDate.parse("2025-10-31"), TODAY));
        ranges.add(DashboardRange.between(LocalDate.parse("2025-06-15"), LocalDate.parse("2025-11-30"), TODAY));

        for (DashboardRange range : ranges) {
            DashboardFigures rollup = ROLLUPS.compute(range);
            DashboardFigures naive = NAIVE.compute(range);
            String at = range.toString();
            assertThat(rollup.totalQuestions()).as(at).isEqualTo(naive.totalQuestions());
            assertThat(rollup.questionsToday()).as(at).isEqualTo(naive.questionsToday());
            assertThat(rollup.questionsThisMonth()).as(at).isEqualTo(naive.questionsThisMonth());
            assertThat(rollup.monthlyBreakdown()).as(at).isEqualTo(naive.monthlyBreakdown());
            assertThat(rollup.uniqueUsers()).as(at).isEqualTo(naive.uniqueUsers());
            assertThat(rollup.topUsers()).as(at).isEqualTo(naive.topUsers());
            assertThat(rollup.sources()).as(at).isEqualTo(naive.sources());
            assertThat(rollup.errorCount()).as(at).isEqualTo(naive.errorCount());
            assertThat(rollup.feedbackPositive()).as(at).isEqualTo(naive.feedbackPositive());
            assertThat(rollup.feedbackNegative()).as(at).isEqualTo(naive.feedbackNegative());
            assertThat(rollup.models()).as(at).isEqualTo(naive.models());
            DashboardFigures.Latency r = rollup.latency();
            DashboardFigures.Latency n = naive.latency();
            assertThat(r.count()).as(at).isEqualTo(n.count());
            assertThat(r.sumMs()).as(at).isEqualTo(n.sumMs());
            assertThat(r.minMs()).as(at).isEqualTo(n.minMs());
            assertThat(r.maxMs()).as(at).isEqualTo(n.maxMs());
            assertWithinFivePercent(r.p50Ms(), n.p50Ms(), at + " median");
            assertWithinFivePercent(r.p95Ms(), n.p95Ms(), at + " p95");
            assertWithinFivePercent(r.p99Ms(), n.p99Ms(), at + " p99");
        }
        assertThat(ranges.get(3).from()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(ROLLUPS.compute(ranges.get(3)).totalQuestions()).isGreaterThan(1000);
    }

    @Test
    void aRebuildFindsNoDriftAfterNormalWrites() {
        RollupRefresher refresher = Services.rollups(JDBI, CLOCK);
        assertThat(refresher.drift()).allSatisfy((rollup, drift) -> assertThat(drift).as(rollup).isZero());
    }

    private static void assertWithinFivePercent(Double estimate, Double exact, String what) {
        if (exact == null) {
            assertThat(estimate).as(what).isNull();
            return;
        }
        assertThat(estimate).as(what).isCloseTo(exact, within(Math.max(0.05 * exact, 1e-9)));
    }
}
