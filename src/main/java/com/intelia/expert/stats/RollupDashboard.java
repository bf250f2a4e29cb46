package com.intelia.expert.stats;

import com.intelia.expert.db.DayTotals;
import com.intelia.expert.db.KeyCount;
import com.intelia.expert.db.ModelUsage;
import com.intelia.expert.db.StatsDao;
import com.intelia.expert.db.UserCount;
import com.intelia.expert.db.ReadDatabase;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The dashboard's figures read from the rollups: a handful of queries whose cost grows with the number of days
 * in the period, not with the number of conversations. Users of a period come from whole months where the
 * period covers every day of the month that has data, and from single days at its edges otherwise.
 */
public class RollupDashboard implements DashboardFiguresSource {

    private final ReadDatabase reads;

    /** reads: the read node with the primary behind it, or the primary (the figures may be a moment old). */
    public RollupDashboard(ReadDatabase reads) {
        this.reads = reads;
    }

    @Override
    public DashboardFigures compute(DashboardRange range) {
        LocalDate today = range.today();
        LocalDate breakdownStart = today.withDayOfMonth(1).minusMonths(BREAKDOWN_MONTHS - 1);
        LocalDate readFrom = min(range.from().withDayOfMonth(1), breakdownStart);
        LocalDate readTo = max(YearMonth.from(range.to()).atEndOfMonth(), YearMonth.from(today).atEndOfMonth());
        return reads.withExtension(StatsDao.class, dao -> {
            List<DayTotals> days = dao.dailyTotals(readFrom, readTo);
            Map<String, Long> monthly = new LinkedHashMap<>();
            for (int i = 0; i < BREAKDOWN_MONTHS; i++) {
                monthly.put(YearMonth.from(breakdownStart).plusMonths(i).toString(), 0L);
            }
            long questionsToday = 0;
            long thisMonth = 0;
            long total = 0, errors = 0, positive = 0, negative = 0, latencyCount = 0, latencySum = 0;
            Integer minMs = null, maxMs = null;
            for (DayTotals day : days) {
                LocalDate d = day.day();
                if (!d.isBefore(breakdownStart) && !d.isAfter(today)) {
                    monthly.merge(YearMonth.from(d).toString(), day.questions(), Long::sum);
                }
                if (d.equals(today)) {
                    questionsToday = day.questions();
                }
                if (!d.isBefore(today.withDayOfMonth(1)) && !d.isAfter(today)) {
                    thisMonth += day.questions();
                }
                if (!d.isBefore(range.from()) && !d.isAfter(range.to())) {
                    total += day.questions();
                    errors += day.errors();
                    positive += day.feedbackPositive();
                    negative += day.feedbackNegative();
                    latencyCount += day.latencyCount();
                    latencySum += day.latencySumMs();
                    minMs = extreme(minMs, day.latencyMinMs(), Math::min);
                    maxMs = extreme(maxMs, day.latencyMaxMs(), Math::max);
                }
            }

            UserPlan plan = UserPlan.of(range, days);
            List<UserCount> users = dao.topUsers(plan.monthFrom, plan.monthTo, plan.firstFrom, plan.firstTo,
                    plan.lastFrom, plan.lastTo, TOP_USERS);
            long uniqueUsers = users.isEmpty() ? 0 : users.get(0).users();

            Map<String, Long> sources = new LinkedHashMap<>();
            for (KeyCount source : dao.sources(range.from(), range.to())) {
                sources.put(source.key(), source.count());
            }
            SortedMap<Integer, Long> buckets = new TreeMap<>();
            for (KeyCount bucket : dao.latencyBuckets(range.from(), range.to())) {
                buckets.put(Integer.parseInt(bucket.key()), bucket.count());
            }
            DashboardFigures.Latency latency = new DashboardFigures.Latency(latencyCount, latencySum, minMs, maxMs,
                    LatencyHistogram.percentile(buckets, 0.5, minMs, maxMs),
                    LatencyHistogram.percentile(buckets, 0.95, minMs, maxMs),
                    LatencyHistogram.percentile(buckets, 0.99, minMs, maxMs));
            List<ModelUsage> models = dao.models(range.from(), range.to());
            return new DashboardFigures(range, questionsToday, thisMonth, monthly, uniqueUsers, total, sources,
                    List.copyOf(users), errors, positive, negative, latency, models);
        });
    }

    /** Which months the users of a period are read from whole, and which edge days one by one. */
    record UserPlan(LocalDate monthFrom, LocalDate monthTo, LocalDate firstFrom, LocalDate firstTo,
                    LocalDate lastFrom, LocalDate lastTo) {

        static UserPlan of(DashboardRange range, List<DayTotals> days) {
            YearMonth first = YearMonth.from(range.from());
            YearMonth last = YearMonth.from(range.to());
            boolean firstWhole = dataOnlyWithin(first, range, days);
            boolean lastWhole = first.equals(last) ? firstWhole : dataOnlyWithin(last, range, days);
            YearMonth monthFrom = firstWhole ? first : first.plusMonths(1);
            YearMonth monthTo = lastWhole ? last : last.minusMonths(1);
            LocalDate firstFrom = null, firstTo = null, lastFrom = null, lastTo = null;
            if (!firstWhole) {
                firstFrom = range.from();
                firstTo = min(range.to(), first.atEndOfMonth());
            }
            if (!lastWhole && !first.equals(last)) {
                lastFrom = last.atDay(1);
                lastTo = range.to();
            }
            boolean anyMonth = !monthFrom.isAfter(monthTo);
            return new UserPlan(anyMonth ? monthFrom.atDay(1) : null, anyMonth ? monthTo.atDay(1) : null,
                    firstFrom, firstTo, lastFrom, lastTo);
        }

        /** True when every day of the month with questions lies inside the range. */
        private static boolean dataOnlyWithin(YearMonth month, DashboardRange range, List<DayTotals> days) {
            for (DayTotals day : days) {
                if (YearMonth.from(day.day()).equals(month) && day.questions() != 0
                        && (day.day().isBefore(range.from()) || day.day().isAfter(range.to()))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** Combines two optional extremes; a day without timed answers (null) leaves the other as it is. */
    private static Integer extreme(Integer current, Integer day, java.util.function.BinaryOperator<Integer> pick) {
        if (day == null) {
            return current;
        }
        return current == null ? day : pick.apply(current, day);
    }
}
