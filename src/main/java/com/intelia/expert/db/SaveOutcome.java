package com.intelia.expert.db;

/** Whether an upsert inserted the row (created) or updated the existing one. */
public record SaveOutcome(boolean created) {
}
