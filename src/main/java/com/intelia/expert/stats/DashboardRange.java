package com.intelia.expert.stats;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The period a dashboard covers, in whole UTC days [from, to], and the day it was asked ("today"). Named periods
 * are calendar periods to date: day = today, week = since Monday, month = since the 1st, year = since 1 January.
 * Built from checked values only (the resources read range/from/to); a caller's mistake here is a programming
 * error (IllegalArgumentException), not a client's.
 */
public record DashboardRange(String name, LocalDate from, LocalDate to, LocalDate today) {

    /** The longest explicit period, in days, so that one request reads a bounded number of rollup rows. */
    public static final int MAX_DAYS = 3660;

    /** The named periods, as clients write them in lower case. */
    public enum Period { DAY, WEEK, MONTH, YEAR }

    public static final Period DEFAULT = Period.MONTH;

    /** The named period to date. */
    public static DashboardRange of(Period period, LocalDate today) {
        LocalDate start = switch (period) {
            case DAY -> today;
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> today.withDayOfMonth(1);
            case YEAR -> today.withDayOfYear(1);
        };
        return new DashboardRange(period.name().toLowerCase(Locale.ROOT), start, today, today);
    }

    /** The days from {@code from} to {@code to} inclusive: from on or before to, at most {@link #MAX_DAYS} days. */
    public static DashboardRange between(LocalDate from, LocalDate to, LocalDate today) {
        if (from.isAfter(to) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("a dashboard period runs forward over at most " + MAX_DAYS + " days");
        }
        return new DashboardRange("custom", from, to, today);
    }
}
