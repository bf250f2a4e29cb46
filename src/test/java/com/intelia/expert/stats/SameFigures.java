package com.intelia.expert.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The dashboard from the rollups against the naive SQL: every figure equal, except the latency percentiles, which
 * come from the log-spaced histogram and are within 5% of the exact ones.
 */
public final class SameFigures {

    private SameFigures() {
    }

    public static void assertSame(DashboardFigures rollup, DashboardFigures naive) {
        DashboardFigures.Latency r = rollup.latency();
        DashboardFigures.Latency n = naive.latency();
        within5(r.p50Ms(), n.p50Ms(), "median");
        within5(r.p95Ms(), n.p95Ms(), "p95");
        within5(r.p99Ms(), n.p99Ms(), "p99");
        DashboardFigures.Latency exact = new DashboardFigures.Latency(r.count(), r.sumMs(), r.minMs(), r.maxMs(),
                n.p50Ms(), n.p95Ms(), n.p99Ms());
        assertThat(new DashboardFigures(rollup.range(), rollup.questionsToday(), rollup.questionsThisMonth(),
                rollup.monthlyBreakdown(), rollup.uniqueUsers(), rollup.totalQuestions(), rollup.sources(),
                rollup.topUsers(), rollup.errorCount(), rollup.feedbackPositive(), rollup.feedbackNegative(), exact,
                rollup.models())).isEqualTo(naive);
    }

    private static void within5(Double estimate, Double exact, String what) {
        if (exact == null) {
            assertThat(estimate).as(what).isNull();
            return;
        }
        assertThat(estimate).as(what).isCloseTo(exact, within(Math.max(0.05 * exact, 1e-9)));
    }
}
