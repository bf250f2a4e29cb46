package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * How many rows of the questions list each UTC day (or month, for one user) holds, newest first, read from the
 * rollups (see migrations.xml, 2025-11-stats-*) through their live views, which add what stats_delta_log holds not yet
 * folded: stats_daily_live, stats_daily_source_live and stats_monthly_user_live. Shards are
 * summed, so today's rows, which stay spread over shards until compaction, are counted too. Bounds are whole
 * days (months): {@code from} inclusive, {@code to} exclusive, null for no bound. Periods without rows are left out.
 */
@RegisterConstructorMapper(PeriodCount.class)
public interface QuestionPeriodsDao {

    @SqlQuery("""
            SELECT day AS start, sum(questions)::bigint AS questions FROM stats_daily_live
            WHERE (CAST(:from AS date) IS NULL OR day >= :from) AND (CAST(:to AS date) IS NULL OR day < :to)
            GROUP BY day HAVING sum(questions) <> 0 ORDER BY day DESC
            """)
    List<PeriodCount> perDay(@Bind("from") LocalDate from, @Bind("to") LocalDate to);

    /** Rows rated {@code rating} (1 or -1) per day. */
    @SqlQuery("""
            SELECT day AS start,
                   sum(CASE WHEN :rating = 1 THEN feedback_positive ELSE feedback_negative END)::bigint AS questions
            FROM stats_daily_live
            WHERE (CAST(:from AS date) IS NULL OR day >= :from) AND (CAST(:to AS date) IS NULL OR day < :to)
            GROUP BY day HAVING sum(CASE WHEN :rating = 1 THEN feedback_positive ELSE feedback_negative END) <> 0
            ORDER BY day DESC
            """)
    List<PeriodCount> perDayRated(@Bind("rating") int rating, @Bind("from") LocalDate from, @Bind("to") LocalDate to);

    /**
     * Rows without a rating per day: all rows less those rated 1 or -1, the only values conversations.feedback
     * holds (the service writes nothing else, and the migration from text converted every legacy value to them).
     */
    @SqlQuery("""
            SELECT day AS start, sum(questions - feedback_positive - feedback_negative)::bigint AS questions
            FROM stats_daily_live
            WHERE (CAST(:from AS date) IS NULL OR day >= :from) AND (CAST(:to AS date) IS NULL OR day < :to)
            GROUP BY day HAVING sum(questions - feedback_positive - feedback_negative) <> 0 ORDER BY day DESC
            """)
    List<PeriodCount> perDayUnrated(@Bind("from") LocalDate from, @Bind("to") LocalDate to);

    /** Rows whose source, as the rollups record it ("" for none), is one of {@code sources}, per day. */
    @SqlQuery("""
            SELECT day AS start, sum(questions)::bigint AS questions FROM stats_daily_source_live
            WHERE source = ANY(:sources)
              AND (CAST(:from AS date) IS NULL OR day >= :from) AND (CAST(:to AS date) IS NULL OR day < :to)
            GROUP BY day HAVING sum(questions) <> 0 ORDER BY day DESC
            """)
    List<PeriodCount> perDayFromSources(@Bind("sources") String[] sources, @Bind("from") LocalDate from,
                                        @Bind("to") LocalDate to);

    /** One user's rows per month ({@code from} and {@code to} are first days of months). */
    @SqlQuery("""
            SELECT month AS start, sum(questions)::bigint AS questions FROM stats_monthly_user_live
            WHERE user_id = :userId
              AND (CAST(:from AS date) IS NULL OR month >= :from) AND (CAST(:to AS date) IS NULL OR month < :to)
            GROUP BY month HAVING sum(questions) <> 0 ORDER BY month DESC
            """)
    List<PeriodCount> perMonthOfUser(@Bind("userId") UUID userId, @Bind("from") LocalDate from,
                                     @Bind("to") LocalDate to);
}
