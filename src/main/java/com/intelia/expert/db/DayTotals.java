package com.intelia.expert.db;

import java.time.LocalDate;

/** One UTC day of the daily rollup, its shards summed. */
public record DayTotals(LocalDate day, long questions, long errors, long feedbackPositive, long feedbackNegative,
                        long latencyCount, long latencySumMs, Integer latencyMinMs, Integer latencyMaxMs) {
}
