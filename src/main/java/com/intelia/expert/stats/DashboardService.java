package com.intelia.expert.stats;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.intelia.expert.api.CacheInfo;
import com.intelia.expert.api.DashboardStats;
import com.intelia.expert.db.UserCount;
import com.intelia.expert.directory.PlanCounts;
import com.intelia.expert.directory.UserDirectory;

import java.math.BigDecimal;
import java.util.TreeMap;
import java.util.TreeSet;

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

/**
 * The admin dashboard: figures from a {@link DashboardFiguresSource} (the rollups in production), top users named
 * with one batched directory lookup, costs from the price table, all cached for a short time-to-live. Concurrent
 * requests for a dashboard that is not cached wait for one computation. System figures and cache_info are
 * measured at each request.
 */
public class DashboardService {

    private final DashboardFiguresSource figures;
    private final UserDirectory directory;
    private final OpenAiCosts costs;
    private final Map<String, BigDecimal> planPrices;
    private final SystemStatsSource system;
    private final Clock clock;
    private final Duration ttl;
    private final LoadingCache<DashboardRange, Computed> cache;

    /** A computed dashboard and when; what the cache keeps. */
    record Computed(DashboardFigures figures, List<DashboardStats.TopUser> topUsers, OpenAiCosts.Cost cost,
                    PlanCounts plans, Instant at, double computeMillis) {
    }

    public DashboardService(DashboardFiguresSource figures, UserDirectory directory, OpenAiCosts costs,
                            SystemStatsSource system, Duration cacheTtl, Clock clock) {
        this(figures, directory, costs, Map.of(), system, cacheTtl, clock);
    }

    /** planPrices: monthly price per user of each plan, for billing_stats revenue (plans without one count 0). */
    public DashboardService(DashboardFiguresSource figures, UserDirectory directory, OpenAiCosts costs,
                            Map<String, BigDecimal> planPrices, SystemStatsSource system, Duration cacheTtl,
                            Clock clock) {
        this.planPrices = Map.copyOf(planPrices);
        this.figures = figures;
        this.directory = directory;
        this.costs = costs;
        this.system = system;
        this.clock = clock;
        this.ttl = cacheTtl;
        this.cache = cacheTtl.isZero() || cacheTtl.isNegative() ? null
                : Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(1000).recordStats()
                        .build(this::compute);
    }

    /** The dashboard of a period, from the cache when it was computed less than the time-to-live ago. */
    public DashboardStats dashboard(DashboardRange period) {
        Computed computed = cache == null ? compute(period) : cache.get(period);
        return render(computed);
    }

    /** Today in UTC by the service's clock: the day named ranges end on. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Forgets every computed dashboard; returns how many there were. */
    public long clearCache() {
        if (cache == null) {
            return 0;
        }
        long size = cache.estimatedSize();
        cache.invalidateAll();
        return size;
    }

    /** Share of dashboard requests answered from the cache since start, 0..1. */
    public double cacheHitRate() {
        return cache == null ? 0 : cache.stats().hitRate();
    }

    private Computed compute(DashboardRange range) {
        long started = System.nanoTime();
        DashboardFigures f = figures.compute(range);
        List<UUID> ids = f.topUsers().stream().map(UserCount::userId).toList();
        Map<UUID, UserLabels> labels = UserLabels.of(directory, ids);
        List<DashboardStats.TopUser> top = new ArrayList<>();
        for (UserCount user : f.topUsers()) {
            UserLabels label = labels.get(user.userId());
            top.add(new DashboardStats.TopUser(label.email(), label.firstName(), label.lastName(), user.questions(),
                    label.plan(), user.userId(), label.status(), label.displayName()));
        }
        OpenAiCosts.Cost cost = costs.of(f.models());
        PlanCounts plans = directory.planCounts();
        double millis = (System.nanoTime() - started) / 1_000_000.0;
        return new Computed(f, List.copyOf(top), cost, plans, clock.instant(), millis);
    }

    private DashboardStats render(Computed c) {
        DashboardFigures f = c.figures();
        DashboardFigures.Latency latency = f.latency();
        DashboardStats.UsageStats usage = new DashboardStats.UsageStats(f.uniqueUsers(), f.totalQuestions(),
                f.questionsToday(), f.questionsThisMonth(), sourceDistribution(f.sources()), f.monthlyBreakdown(),
                new DashboardStats.Feedback(f.feedbackPositive(), f.feedbackNegative()));
        DashboardStats.PerformanceStats performance = new DashboardStats.PerformanceStats(
                seconds(latency.avgMs()), seconds(latency.p50Ms()), seconds(latency.minMs()),
                seconds(latency.maxMs()), latency.count(), c.cost().usd(), f.errorCount(),
                SystemStatsSource.round(cacheHitRate(), 4), seconds(latency.p95Ms()), seconds(latency.p99Ms()),
                new DashboardStats.OpenAiUsage(c.cost().promptTokens(), c.cost().completionTokens(),
                        c.cost().answersWithUsage(), c.cost().unpricedModels()));
        Map<String, DashboardStats.PlanFigures> plans = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, Long> plan : c.plans().users().entrySet()) {
            BigDecimal revenue = planPrices.getOrDefault(plan.getKey(), BigDecimal.ZERO)
                    .multiply(BigDecimal.valueOf(plan.getValue()));
            total = total.add(revenue);
            plans.put(plan.getKey(), new DashboardStats.PlanFigures(plan.getValue(), revenue.doubleValue()));
        }
        DashboardStats.BillingStats billing = new DashboardStats.BillingStats(plans, total.doubleValue(), c.topUsers());
        DashboardStats.SystemStats now = system.current();
        TreeSet<String> names = new TreeSet<>(planPrices.keySet());
        names.addAll(c.plans().users().keySet());
        names.remove(PlanCounts.NO_PLAN);
        DashboardStats.SystemStats systemStats = new DashboardStats.SystemStats(now.systemHealth(),
                new DashboardStats.Plans(names.size(), List.copyOf(names)), now.featuresEnabled());
        DashboardRange r = f.range();
        return new DashboardStats(cacheInfo(c), systemStats, usage, billing, performance,
                new DashboardStats.Period(r.name(), r.from().toString(), r.to().toString()));
    }

    private CacheInfo cacheInfo(Computed c) {
        String how = "computed from rollups in " + String.format(java.util.Locale.ROOT, "%.1f", c.computeMillis()) + " ms";
        if (cache == null) {
            return CacheInfo.notCached(c.at().toString(), how);
        }
        double ageMinutes = Duration.between(c.at(), clock.instant()).toMillis() / 60_000.0;
        return new CacheInfo(true, c.at().toString(), SystemStatsSource.round(Math.max(0, ageMinutes), 3), how,
                c.at().plus(ttl).toString(), SystemStatsSource.round(cacheHitRate(), 4), ttl.toSeconds());
    }

    /** Counts per dashboard key ({@link SourceKeys#key}); the contract's three keys are always present. */
    static Map<String, Long> sourceDistribution(Map<String, Long> sources) {
        Map<String, Long> out = new LinkedHashMap<>();
        SourceKeys.ALWAYS_SHOWN.forEach(key -> out.put(key, 0L));
        sources.forEach((source, count) -> out.merge(SourceKeys.key(source), count, Long::sum));
        return out;
    }

    private static double seconds(Number millis) {
        return millis == null ? 0 : SystemStatsSource.round(millis.doubleValue() / 1000.0, 3);
    }
}
