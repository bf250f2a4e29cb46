package com.intelia.expert.resources.params;

import com.intelia.expert.stats.DashboardRange;
import jakarta.ws.rs.QueryParam;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The period of GET /stats-fast/dashboard: {@code range} (day, week, month, year; default month) or explicit
 * {@code from}/{@code to} days (either may be left out: from defaults to the 1st of to's month, to to today).
 * 400 for a malformed value, for range together with from/to, for to before from, or for more than
 * {@link DashboardRange#MAX_DAYS} days.
 */
public class DashboardParams {

    @QueryParam("range")
    private RangeParam range;
    @QueryParam("from")
    private DateParam from;
    @QueryParam("to")
    private DateParam to;

    /** Jersey fills the fields. */
    public DashboardParams() {
    }

    /** For callers outside Jersey: the raw parameter values, any of them null. */
    public DashboardParams(String range, String from, String to) {
        this.range = new RangeParam(range, "range");
        this.from = new DateParam(from, "from");
        this.to = new DateParam(to, "to");
    }

    /** The period, its named ranges ending on {@code today} (UTC). */
    public DashboardRange toRange(LocalDate today) {
        LocalDate start = Param.valueOf(from);
        LocalDate end = Param.valueOf(to);
        DashboardRange.Period named = Param.valueOf(range);
        if (start == null && end == null) {
            return DashboardRange.of(named == null ? DashboardRange.DEFAULT : named, today);
        }
        if (named != null) {
            throw InvalidInputException.parameter("range", "cannot be combined with from/to: give one or the other");
        }
        boolean toGiven = end != null;
        end = toGiven ? end : today;
        start = start == null ? end.withDayOfMonth(1) : start;
        if (start.isAfter(end)) {
            throw toGiven ? InvalidInputException.parameter("to", "must be on or after from")
                    : InvalidInputException.parameter("from", "must be on or before today when to is not given");
        }
        if (ChronoUnit.DAYS.between(start, end) >= DashboardRange.MAX_DAYS) {
            throw InvalidInputException.parameter("to", "must be less than " + DashboardRange.MAX_DAYS
                    + " days after from");
        }
        return DashboardRange.between(start, end, today);
    }
}
