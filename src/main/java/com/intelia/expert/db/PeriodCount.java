package com.intelia.expert.db;

import java.time.LocalDate;

/** Active questions of one UTC day (or month, then {@code start} is its first day), shards summed. */
public record PeriodCount(LocalDate start, long questions) {
}
