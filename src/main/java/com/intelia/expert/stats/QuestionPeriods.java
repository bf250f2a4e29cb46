package com.intelia.expert.stats;

import com.intelia.expert.db.PeriodCount;
import com.intelia.expert.db.QuestionFilter;
import com.intelia.expert.db.QuestionPeriodsDao;
import com.intelia.expert.db.QuestionSearch;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The questions list cut into periods, newest first, each with its exact number of rows: UTC days, or months when
 * the list is one user's. Whole periods are counted by the rollups; a period that from or to cuts is counted from
 * the index (at most two, each at most a period long). Row N of the list is then the row {@code N - rows of the
 * newer periods} of its period, which the index reaches by skipping within that period only, from its nearer end,
 * at any depth (db.QuestionSearch#pageAt).
 * The rollups count the rows a filter keeps only for no filter, or one of user, source or feedback, with or
 * without from/to; for language, q, or two of those filters {@link #of} is empty.
 */
final class QuestionPeriods {

    /** A period [start, end) and the rows of the list in it. */
    record Period(OffsetDateTime start, OffsetDateTime end, long rows) {
    }

    /** Row N of the list: the row {@code skip} rows after the newest row of {@code period}. */
    record Position(Period period, long skip) {
    }

    private enum Unit {
        DAY, MONTH;

        LocalDate floor(OffsetDateTime instant) {
            LocalDate day = instant.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            return this == DAY ? day : day.withDayOfMonth(1);
        }

        LocalDate next(LocalDate start) {
            return this == DAY ? start.plusDays(1) : start.plusMonths(1);
        }

        /** The first period start at or after the instant. */
        LocalDate ceil(OffsetDateTime instant) {
            LocalDate floor = floor(instant);
            return start(floor).isEqual(instant) ? floor : next(floor);
        }

        static OffsetDateTime start(LocalDate day) {
            return day.atStartOfDay().atOffset(ZoneOffset.UTC);
        }
    }

    private final List<Period> newestFirst;
    private final long total;

    private QuestionPeriods(List<Period> newestFirst) {
        this.newestFirst = List.copyOf(newestFirst);
        this.total = newestFirst.stream().mapToLong(Period::rows).sum();
    }

    /** The periods of the list the filter keeps, or empty when the rollups do not count what it keeps. */
    static Optional<QuestionPeriods> of(QuestionFilter filter, QuestionPeriodsDao rollups, QuestionSearch search) {
        if (filter.language() != null || filter.search() != null) {
            return Optional.empty();
        }
        int kept = (filter.userId() != null ? 1 : 0) + (filter.responseSources() != null ? 1 : 0)
                + (filter.feedback() != null ? 1 : 0);
        if (kept > 1) {
            return Optional.empty();
        }
        Unit unit = filter.userId() != null ? Unit.MONTH : Unit.DAY;
        OffsetDateTime from = filter.from();
        OffsetDateTime to = filter.toExclusive();
        LocalDate wholeFrom = from == null ? null : unit.ceil(from);
        LocalDate wholeTo = to == null ? null : unit.floor(to);
        List<Period> periods = new ArrayList<>();
        if (wholeFrom != null && wholeTo != null && !wholeFrom.isBefore(wholeTo)) {
            // from and to cut the same period or two neighbours: no whole period between them
            periods.add(new Period(from, to, search.countAll(filter)));
            return Optional.of(new QuestionPeriods(periods));
        }
        if (to != null && !Unit.start(wholeTo).isEqual(to)) {
            periods.add(new Period(Unit.start(wholeTo), to, search.countAll(filter.between(Unit.start(wholeTo), to))));
        }
        for (PeriodCount count : whole(filter, unit, rollups, wholeFrom, wholeTo)) {
            periods.add(new Period(Unit.start(count.start()), Unit.start(unit.next(count.start())), count.questions()));
        }
        if (from != null && !Unit.start(wholeFrom).isEqual(from)) {
            periods.add(new Period(from, Unit.start(wholeFrom),
                    search.countAll(filter.between(from, Unit.start(wholeFrom)))));
        }
        return Optional.of(new QuestionPeriods(periods));
    }

    private static List<PeriodCount> whole(QuestionFilter filter, Unit unit, QuestionPeriodsDao rollups,
                                           LocalDate from, LocalDate to) {
        if (unit == Unit.MONTH) {
            return rollups.perMonthOfUser(filter.userId(), from, to);
        }
        if (filter.responseSources() != null) {
            return rollups.perDayFromSources(filter.responseSources().toArray(String[]::new), from, to);
        }
        if (filter.feedback() != null) {
            return filter.feedback() == 0 ? rollups.perDayUnrated(from, to)
                    : rollups.perDayRated(filter.feedback(), from, to);
        }
        return rollups.perDay(from, to);
    }

    /** Rows of the list: exact. */
    long total() {
        return total;
    }

    /** Where the row {@code offset} rows from the top lies; empty when the list is not that long. */
    Optional<Position> locate(long offset) {
        long newer = 0;
        for (Period period : newestFirst) {
            if (offset < newer + period.rows()) {
                return Optional.of(new Position(period, offset - newer));
            }
            newer += period.rows();
        }
        return Optional.empty();
    }
}
