package com.intelia.expert.db;

/** The per-row figures of a period as the naive baseline computes them; latencies in milliseconds. */
public record NaiveSummary(long questions, long errors, long feedbackPositive, long feedbackNegative, long count,
                           long sumMs, Integer minMs, Integer maxMs, Double p50Ms, Double p95Ms, Double p99Ms) {
}
