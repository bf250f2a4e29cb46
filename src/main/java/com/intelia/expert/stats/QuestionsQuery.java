package com.intelia.expert.stats;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One request for the questions page, already checked by the resource: a page of {@code limit} rows (1..100) at
 * page number {@code page} (1-based) or after {@code cursor}, and filters, each null when not given.
 *
 * @param sourceKey a dashboard source key ({@link SourceKeys}): the rows the dashboard counts under it
 * @param language  the stored language code, exactly
 * @param from      inclusive lower bound of created_at
 * @param to        upper bound of created_at: a day includes that whole day, an instant includes itself
 * @param search    text found in the question or the answer, case-insensitively and literally
 */
public record QuestionsQuery(long page, int limit, QuestionsCursor cursor, UUID userId, String sourceKey,
                             Feedback feedback, String language, Bound from, Bound to, String search) {

    /** Questions rated helpful, not helpful, or not rated. */
    public enum Feedback {
        POSITIVE(1), NEGATIVE(-1), NONE(0);

        private final int code;

        Feedback(int code) {
            this.code = code;
        }

        /** 1, -1, or 0 for no rating, as db.QuestionFilter takes it. */
        public int code() {
            return code;
        }
    }

    /** A whole UTC day or an instant; exactly one is set. */
    public record Bound(LocalDate day, OffsetDateTime instant) {

        public static Bound day(LocalDate day) {
            return new Bound(day, null);
        }

        public static Bound instant(OffsetDateTime instant) {
            return new Bound(null, instant);
        }

        OffsetDateTime start() {
            return day != null ? day.atStartOfDay().atOffset(ZoneOffset.UTC) : instant;
        }

        /** The first instant after the bound: the next day's start, or one microsecond (PostgreSQL's resolution) on. */
        OffsetDateTime endExclusive() {
            return day != null ? day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC) : instant.plusNanos(1000);
        }
    }

    /** The first page of 20 rows without filters. */
    public static QuestionsQuery firstPage() {
        return new QuestionsQuery(1, QuestionsService.DEFAULT_LIMIT, null, null, null, null, null, null, null, null);
    }

    public QuestionsQuery withPage(long page, int limit) {
        return new QuestionsQuery(page, limit, null, userId, sourceKey, feedback, language, from, to, search);
    }

    public QuestionsQuery withCursor(QuestionsCursor cursor) {
        return new QuestionsQuery(page, limit, cursor, userId, sourceKey, feedback, language, from, to, search);
    }

    /** True when the period is empty: to ends at or before from starts. */
    public boolean periodIsEmpty() {
        return from != null && to != null && !from.start().isBefore(to.endExclusive());
    }
}
