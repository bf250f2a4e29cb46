package com.intelia.expert.stats;

import com.intelia.expert.db.KeyCount;
import com.intelia.expert.db.NaiveStatsDao;
import com.intelia.expert.db.NaiveSummary;
import com.intelia.expert.db.UserCount;
import org.jdbi.v3.core.Jdbi;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The naive baseline: the same figures computed per request with aggregate SQL over the conversations table.
 * It exists to measure the rollups against (benchmark) and to check them (equivalence test).
 */
public class NaiveDashboard implements DashboardFiguresSource {

    private final Jdbi jdbi;

    public NaiveDashboard(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public DashboardFigures compute(DashboardRange range) {
        LocalDate today = range.today();
        LocalDate breakdownStart = today.withDayOfMonth(1).minusMonths(BREAKDOWN_MONTHS - 1);
        OffsetDateTime from = start(range.from());
        OffsetDateTime to = start(range.to().plusDays(1));
        return jdbi.withExtension(NaiveStatsDao.class, dao -> {
            Map<String, Long> monthly = new LinkedHashMap<>();
            for (int i = 0; i < BREAKDOWN_MONTHS; i++) {
                monthly.put(YearMonth.from(breakdownStart).plusMonths(i).toString(), 0L);
            }
            long questionsToday = 0;
            long thisMonth = 0;
            for (KeyCount day : dao.daily(start(breakdownStart), start(today.plusDays(1)))) {
                LocalDate d = LocalDate.parse(day.key());
                monthly.merge(YearMonth.from(d).toString(), day.count(), Long::sum);
                if (d.equals(today)) {
                    questionsToday = day.count();
                }
                if (YearMonth.from(d).equals(YearMonth.from(today))) {
                    thisMonth += day.count();
                }
            }
            NaiveSummary summary = dao.summary(from, to);
            List<UserCount> users = dao.topUsers(from, to, TOP_USERS);
            Map<String, Long> sources = new LinkedHashMap<>();
            for (KeyCount source : dao.sources(from, to)) {
                sources.put(source.key(), source.count());
            }
            DashboardFigures.Latency latency = new DashboardFigures.Latency(summary.count(), summary.sumMs(),
                    summary.minMs(), summary.maxMs(), summary.p50Ms(), summary.p95Ms(), summary.p99Ms());
            return new DashboardFigures(range, questionsToday, thisMonth, monthly,
                    users.isEmpty() ? 0 : users.get(0).users(), summary.questions(), sources, List.copyOf(users),
                    summary.errors(), summary.feedbackPositive(), summary.feedbackNegative(), latency,
                    dao.models(from, to));
        });
    }

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
