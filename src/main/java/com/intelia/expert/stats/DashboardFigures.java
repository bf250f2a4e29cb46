package com.intelia.expert.stats;

import com.intelia.expert.db.ModelUsage;
import com.intelia.expert.db.UserCount;

import java.util.List;
import java.util.Map;

/**
 * Every measured figure of the dashboard, before names and labels: what the rollups and the naive baseline must
 * agree on. Sources and models are keyed by their stored value ("" when none was recorded); latencies in ms.
 */
public record DashboardFigures(DashboardRange range, long questionsToday, long questionsThisMonth,
                               Map<String, Long> monthlyBreakdown, long uniqueUsers, long totalQuestions,
                               Map<String, Long> sources, List<UserCount> topUsers, long errorCount,
                               long feedbackPositive, long feedbackNegative, Latency latency,
                               List<ModelUsage> models) {

    /** Latency of the period's answers; percentiles exact (baseline) or from the histogram (within 5%). */
    public record Latency(long count, long sumMs, Integer minMs, Integer maxMs, Double p50Ms, Double p95Ms,
                          Double p99Ms) {
        public Double avgMs() {
            return count == 0 ? null : (double) sumMs / count;
        }
    }
}
