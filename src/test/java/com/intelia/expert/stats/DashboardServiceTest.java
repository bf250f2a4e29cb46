package com.intelia.expert.stats;

import com.codahale.metrics.MetricRegistry;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.intelia.expert.api.DashboardStats;
import com.intelia.expert.config.StatsFactory;
import com.intelia.expert.db.ModelUsage;
import com.intelia.expert.db.UserCount;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.directory.UserDirectory;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.SupabaseStub;
import com.intelia.expert.support.TestDatabase;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static com.intelia.expert.support.SupabaseStub.users;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's rendering: labels of unknown users, source mapping, seconds, costs, cache and system figures. The
 * figures are given as they are; the top users are named by the local directory in a real PostgreSQL, or by a
 * Supabase stub over HTTP that does not answer in time.
 */
class DashboardServiceTest {

    @RegisterExtension
    static final WireMockExtension SUPABASE = SupabaseStub.server();

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final Jdbi JDBI = Jdbi.create(DATABASE.dataSource()).installPlugin(new SqlObjectPlugin());
    private static final LocalUserDirectory LOCAL = Services.localDirectory(JDBI);
    private static final UUID ALICE = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    private static final UUID ORPHAN = UUID.fromString("843d440a-0000-4000-8000-000000000003");
    private static final UUID CAROL = UUID.fromString("d0d00000-0000-4000-8000-000000000004");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T12:00:00Z"), ZoneOffset.UTC);

    private static final String UUID_PATTERN = ".*[0-9a-f]{8}-[0-9a-f]{4}-.*";

    private final AtomicInteger computations = new AtomicInteger();
    private final MetricRegistry metrics = new MetricRegistry();
    private final Client client = ClientBuilder.newClient();

    @BeforeAll
    static void profiles() {
        LOCAL.save(new Profile(ALICE, "alice@example.com", "Alice", "Martin", "user", "pro"));
        LOCAL.save(new Profile(CAROL, "carol@example.com", "Carol", "Petit", "user", "free"));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private DashboardFigures figures(DashboardRange range) {
        computations.incrementAndGet();
        Map<String, Long> sources = new LinkedHashMap<>();
        sources.put("rag", 50L);
        sources.put("table_lookup", 7L);
        sources.put("perfstore", 3L);
        sources.put("openai_fallback", 20L);
        sources.put("knowledge_graph", 4L);
        sources.put("", 1L);
        return new DashboardFigures(range, 5, 85, Map.of("2025-11", 85L), 3, 85, sources,
                List.of(new UserCount(ALICE, 40, 3), new UserCount(ORPHAN, 30, 3), new UserCount(CAROL, 15, 3)),
                2, 10, 4, new DashboardFigures.Latency(80, 160_000, 250, 9_000, 1_800.0, 6_000.0, 8_500.0),
                List.of(new ModelUsage("gpt-4o-2024-08-06", 10, 1_000_000, 100_000),
                        new ModelUsage("mystery-model", 1, 500, 50)));
    }

    private DashboardService service(Duration ttl) {
        return service(ttl, LOCAL);
    }

    private DashboardService service(Duration ttl, UserDirectory directory) {
        return new DashboardService(this::figures, directory, new OpenAiCosts(StatsFactory.defaultPrices()),
                new SystemStatsSource(metrics, new DashboardStats.FeaturesEnabled(true, false, true, true)), ttl, CLOCK);
    }

    @Test
    void topUsersWithoutAProfileShowALabelAndTheShortIdNeverTheUuid() {
        DashboardStats stats = service(Duration.ZERO).dashboard(range(DashboardRange.DEFAULT));

        List<DashboardStats.TopUser> top = stats.billingStats().topUsers();
        assertThat(top).extracting(DashboardStats.TopUser::email)
                .containsExactly("alice@example.com", "Unknown user (843d440a)", "carol@example.com");
        assertThat(top).extracting(DashboardStats.TopUser::profileStatus).containsExactly("found", "missing", "found");
        assertThat(top.get(0).firstName()).isEqualTo("Alice");
        assertThat(top.get(2).lastName()).isEqualTo("Petit");
        assertThat(top.get(1).userId()).isEqualTo(ORPHAN);
        assertThat(top.get(1).questionCount()).isEqualTo(30);
        assertThat(top).extracting(DashboardStats.TopUser::email).noneMatch(email -> email.matches(UUID_PATTERN));
    }

    @Test
    void whenSupabaseDoesNotAnswerInTimeEveryTopUserShowsTheUnavailableLabel() {
        SUPABASE.stubFor(users().willReturn(SupabaseStub.json(200, "[]").withFixedDelay(2_000)));
        UserDirectory supabase = SupabaseStub.factory(SUPABASE.baseUrl()).buildSupabaseDirectory(client, CLOCK);

        DashboardStats stats = service(Duration.ZERO, supabase).dashboard(range(DashboardRange.DEFAULT));

        List<DashboardStats.TopUser> top = stats.billingStats().topUsers();
        assertThat(top).extracting(DashboardStats.TopUser::email).containsExactly(
                "Profile unavailable (a11ce000)", "Profile unavailable (843d440a)", "Profile unavailable (d0d00000)");
        assertThat(top).extracting(DashboardStats.TopUser::profileStatus).containsOnly("unavailable");
        assertThat(top).extracting(DashboardStats.TopUser::firstName).containsOnly("Profile unavailable");
        assertThat(top).extracting(DashboardStats.TopUser::questionCount).containsExactly(40L, 30L, 15L);
        assertThat(stats.usageStats().totalQuestions()).as("figures do not depend on the directory").isEqualTo(85);
    }

    @Test
    void sourcesAreMappedAsTheContractSaysAndTimesAreSeconds() {
        DashboardStats stats = service(Duration.ZERO).dashboard(range(DashboardRange.Period.MONTH));

        assertThat(stats.usageStats().sourceDistribution()).containsEntry("rag_retriever", 50L)
                .containsEntry("perfstore", 10L).containsEntry("openai_fallback", 20L)
                .containsEntry("knowledge_graph", 4L).containsEntry("unknown", 1L).doesNotContainKey("rag");
        DashboardStats.PerformanceStats performance = stats.performanceStats();
        assertThat(performance.avgResponseTime()).isEqualTo(2.0);
        assertThat(performance.medianResponseTime()).isEqualTo(1.8);
        assertThat(performance.minResponseTime()).isEqualTo(0.25);
        assertThat(performance.maxResponseTime()).isEqualTo(9.0);
        assertThat(performance.p99ResponseTime()).isEqualTo(8.5);
        assertThat(performance.responseTimeCount()).isEqualTo(80);
        assertThat(performance.errorCount()).isEqualTo(2);
        // gpt-4o prices its dated version: 1M prompt x 2.50 + 0.1M completion x 10.00
        assertThat(performance.openaiCosts()).isEqualTo(3.5);
        assertThat(performance.openaiUsage().unpricedModels()).containsExactly("mystery-model");
        assertThat(stats.period().from()).isEqualTo("2025-11-01");
        assertThat(stats.usageStats().questionsToday()).isEqualTo(5);
    }

    @Test
    void theCacheServesRepeatsCoalescesConcurrentMissesAndSaysSo() throws Exception {
        DashboardService service = service(Duration.ofMinutes(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DashboardStats>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return service.dashboard(range(DashboardRange.Period.WEEK));
            }));
        }
        start.countDown();
        for (Future<DashboardStats> answer : answers) {
            answer.get();
        }
        pool.shutdown();
        assertThat(computations.get()).as("concurrent misses computed once").isEqualTo(1);

        DashboardStats cached = service.dashboard(range(DashboardRange.Period.WEEK));
        assertThat(cached.cacheInfo().isAvailable()).isTrue();
        assertThat(cached.cacheInfo().lastUpdate()).isEqualTo("2025-11-20T12:00:00Z");
        assertThat(cached.cacheInfo().nextUpdate()).isEqualTo("2025-11-20T12:01:00Z");
        assertThat(cached.performanceStats().cacheHitRate()).isEqualTo(16 / 17.0, org.assertj.core.api.Assertions.within(1e-3));
        service.dashboard(range(DashboardRange.Period.DAY));
        assertThat(computations.get()).isEqualTo(2);
    }

    @Test
    void systemFiguresComeFromTheRequestMetrics() {
        metrics.timer(SystemStatsSource.REQUESTS).update(Duration.ofMillis(3));
        metrics.timer(SystemStatsSource.REQUESTS).update(Duration.ofMillis(3));
        metrics.timer(SystemStatsSource.REQUESTS).update(Duration.ofMillis(3));
        metrics.timer(SystemStatsSource.REQUESTS).update(Duration.ofMillis(3));
        metrics.meter(SystemStatsSource.SERVER_ERRORS).mark();

        DashboardStats.SystemHealth health = service(Duration.ZERO).dashboard(range(DashboardRange.DEFAULT)).systemStats()
                .systemHealth();
        assertThat(health.totalRequests()).isEqualTo(4);
        assertThat(health.errorRate()).isEqualTo(25.0);
        assertThat(health.uptimeHours()).isCloseTo(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 3_600_000.0, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void namedRangesAreCalendarPeriodsToDate() {
        LocalDate today = LocalDate.of(2025, 11, 20);

        assertThat(DashboardRange.of(DashboardRange.Period.DAY, today).from()).isEqualTo(today);
        assertThat(DashboardRange.of(DashboardRange.Period.WEEK, today).from()).isEqualTo(LocalDate.of(2025, 11, 17));
        assertThat(DashboardRange.of(DashboardRange.Period.MONTH, today).from()).isEqualTo(LocalDate.of(2025, 11, 1));
        assertThat(DashboardRange.of(DashboardRange.Period.YEAR, today).from()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(DashboardRange.of(DashboardRange.Period.YEAR, today).to()).isEqualTo(today);
    }

    private static DashboardRange range(DashboardRange.Period period) {
        return DashboardRange.of(period, LocalDate.now(CLOCK));
    }
}
