package com.intelia.expert.stats;

import java.util.SortedMap;

/**
 * Percentiles from the log-spaced latency buckets of the rollups (SQL function stats_latency_bucket): bucket 0
 * holds 0 ms, bucket b >= 1 holds [1.1^(b-1), 1.1^b) ms. Estimating a value by the harmonic mean of its bucket's
 * bounds is off by at most (1.1 - 1) / (1.1 + 1) = 4.8%.
 */
public final class LatencyHistogram {

    static final double GAMMA = 1.1;

    private LatencyHistogram() {
    }

    /**
     * The value of rank ceil(p * n), as percentile_disc defines it, estimated from bucket counts and kept within
     * the exact min and max. Null when there is no value.
     */
    public static Double percentile(SortedMap<Integer, Long> buckets, double p, Integer minMs, Integer maxMs) {
        long total = buckets.values().stream().mapToLong(Long::longValue).sum();
        if (total <= 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        int bucket = buckets.lastKey();
        for (var entry : buckets.entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                bucket = entry.getKey();
                break;
            }
        }
        double estimate = estimate(bucket);
        if (minMs != null) {
            estimate = Math.max(estimate, minMs);
        }
        if (maxMs != null) {
            estimate = Math.min(estimate, maxMs);
        }
        return estimate;
    }

    static double estimate(int bucket) {
        if (bucket <= 0) {
            return 0;
        }
        double lower = Math.pow(GAMMA, bucket - 1);
        double upper = Math.pow(GAMMA, bucket);
        return 2 * lower * upper / (lower + upper);
    }
}
