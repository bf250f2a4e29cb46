package com.intelia.expert.stats;

import jakarta.ws.rs.BadRequestException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;

/**
 * The period a dashboard covers, in whole UTC days [from, to], and the day it was asked ("today"). Named ranges
 * are calendar periods to date: day = today, week = since Monday, month = since the 1st, year = since 1 January.
 */
public record DashboardRange(String name, LocalDate from, LocalDate to, LocalDate today) {

    public static final String DEFAULT = "month";
    static final int MAX_DAYS = 3660;

    /** From the query parameters range, from and to (each may be null); 400 naming the parameter when invalid. */
    public static DashboardRange parse(String range, String from, String to, LocalDate today) {
        boolean explicit = present(from) || present(to);
        if (explicit) {
            if (present(range)) {
                throw new BadRequestException("range cannot be combined with from/to: give one or the other");
            }
            LocalDate end = present(to) ? date(to, "to") : today;
            LocalDate start = present(from) ? date(from, "from") : end.withDayOfMonth(1);
            if (start.isAfter(end)) {
                throw new BadRequestException("to must be on or after from");
            }
            if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
                throw new BadRequestException("from/to must span at most " + MAX_DAYS + " days");
            }
            return new DashboardRange("custom", start, end, today);
        }
        String name = present(range) ? range.trim().toLowerCase(java.util.Locale.ROOT) : DEFAULT;
        LocalDate start = switch (name) {
            case "day" -> today;
            case "week" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> today.withDayOfMonth(1);
            case "year" -> today.withDayOfYear(1);
            default -> throw new BadRequestException("range must be one of day, week, month, year");
        };
        return new DashboardRange(name, start, today, today);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static LocalDate date(String value, String parameter) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(parameter + " must be a date such as 2025-10-31");
        }
    }
}
