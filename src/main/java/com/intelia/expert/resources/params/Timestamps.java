package com.intelia.expert.resources.params;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * The date and timestamp forms clients send, and the periods they may name. Timestamps are ISO-8601 / RFC 3339:
 * date, then {@code T} or a space, then the time with optional fraction (up to nanoseconds), then an optional
 * offset ({@code Z}, {@code +02:00}, {@code +0200}, {@code +02}); without an offset the time is UTC, as Python's
 * {@code isoformat()} writes it ({@code 2025-10-10T22:10:34.123456}). Years have four digits.
 */
public final class Timestamps {

    /** Filters (from/to) may name days from this one... */
    public static final LocalDate FIRST_FILTER_DAY = LocalDate.of(2000, 1, 1);
    /** ...to this one: a sane bound, far inside what PostgreSQL and the rollups can hold. */
    public static final LocalDate LAST_FILTER_DAY = LocalDate.of(2100, 12, 31);
    /** A timestamp in a body records when something happened: not before the service existed... */
    public static final Instant EARLIEST_RECORDED = Instant.parse("2020-01-01T00:00:00Z");
    /** ...and not later than this far ahead of the server's clock (client clocks drift; a day is generous). */
    public static final Duration MAX_AHEAD = Duration.ofDays(1);

    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4, 4, SignStyle.NEVER).appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 2)
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DATE).appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    /** How a timestamp field is described in refusals. */
    public static final String TIMESTAMP_FORM = "an ISO-8601 timestamp such as 2025-10-10T22:10:34.123Z"
            + " (without an offset it is UTC)";

    private Timestamps() {
    }

    /** A date {@code 2025-10-31}; DateTimeParseException otherwise (also for 2025-02-30). */
    public static LocalDate parseDate(String text) {
        return LocalDate.parse(text, DATE);
    }

    /** A timestamp in one of the forms above, at its offset or at UTC; DateTimeParseException otherwise. */
    public static OffsetDateTime parseTimestamp(String text) {
        String normalized = text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        TemporalAccessor parsed = TIMESTAMP.parseBest(normalized, OffsetDateTime::from, LocalDateTime::from);
        return parsed instanceof OffsetDateTime at ? at : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
    }

    /** True when a recorded time lies in [{@link #EARLIEST_RECORDED}, now + {@link #MAX_AHEAD}]. */
    public static boolean plausiblyRecorded(OffsetDateTime at, Instant now) {
        Instant instant = at.toInstant();
        return !instant.isBefore(EARLIEST_RECORDED) && !instant.isAfter(now.plus(MAX_AHEAD));
    }

    /** True when a filter's day lies in [{@link #FIRST_FILTER_DAY}, {@link #LAST_FILTER_DAY}]. */
    public static boolean filterable(LocalDate day) {
        return !day.isBefore(FIRST_FILTER_DAY) && !day.isAfter(LAST_FILTER_DAY);
    }
}
