package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.LocalDate;
import java.util.List;

/**
 * Reads of the statistics rollups (see migrations.xml, 2025-11-stats-* and 2026-12-stats-delta-log). Every query
 * reads the stats_*_live views: rollup rows per day (or per month) plus the contributions still in stats_delta_log
 * (at most a few seconds of writes), never the conversations table; shards and log rows of a day are summed here.
 */
public interface StatsDao {

    @SqlQuery("""
            SELECT day, sum(questions)::bigint AS questions, sum(errors)::bigint AS errors,
                   sum(feedback_positive)::bigint AS feedback_positive,
                   sum(feedback_negative)::bigint AS feedback_negative,
                   sum(latency_count)::bigint AS latency_count, sum(latency_sum_ms)::bigint AS latency_sum_ms,
                   min(latency_min_ms) AS latency_min_ms, max(latency_max_ms) AS latency_max_ms
            FROM stats_daily_live WHERE day BETWEEN :from AND :to
            GROUP BY day ORDER BY day
            """)
    @RegisterConstructorMapper(DayTotals.class)
    List<DayTotals> dailyTotals(@Bind("from") LocalDate from, @Bind("to") LocalDate to);

    /**
     * Users of a period made of whole months (monthly rollup) and up to two runs of single days (daily
     * rollup); a null bound leaves that part out.
     */
    @SqlQuery("""
            SELECT user_id, sum(questions)::bigint AS questions, count(*) OVER () AS users
            FROM (SELECT user_id, questions FROM stats_monthly_user_live
                  WHERE month BETWEEN CAST(:monthFrom AS date) AND CAST(:monthTo AS date)
                  UNION ALL
                  SELECT user_id, questions FROM stats_daily_user_live
                  WHERE day BETWEEN CAST(:firstFrom AS date) AND CAST(:firstTo AS date)
                  UNION ALL
                  SELECT user_id, questions FROM stats_daily_user_live
                  WHERE day BETWEEN CAST(:lastFrom AS date) AND CAST(:lastTo AS date)) u
            GROUP BY user_id HAVING sum(questions) > 0
            ORDER BY questions DESC, user_id
            LIMIT :limit
            """)
    @RegisterConstructorMapper(UserCount.class)
    List<UserCount> topUsers(@Bind("monthFrom") LocalDate monthFrom, @Bind("monthTo") LocalDate monthTo,
                             @Bind("firstFrom") LocalDate firstFrom, @Bind("firstTo") LocalDate firstTo,
                             @Bind("lastFrom") LocalDate lastFrom, @Bind("lastTo") LocalDate lastTo,
                             @Bind("limit") int limit);

    @SqlQuery("""
            SELECT source AS key, sum(questions)::bigint AS count FROM stats_daily_source_live
            WHERE day BETWEEN :from AND :to GROUP BY source HAVING sum(questions) <> 0 ORDER BY source
            """)
    @RegisterConstructorMapper(KeyCount.class)
    List<KeyCount> sources(@Bind("from") LocalDate from, @Bind("to") LocalDate to);

    @SqlQuery("""
            SELECT bucket::text AS key, sum(count)::bigint AS count FROM stats_daily_latency_live
            WHERE day BETWEEN :from AND :to GROUP BY bucket HAVING sum(count) <> 0 ORDER BY bucket
            """)
    @RegisterConstructorMapper(KeyCount.class)
    List<KeyCount> latencyBuckets(@Bind("from") LocalDate from, @Bind("to") LocalDate to);

    @SqlQuery("""
            SELECT model, sum(usages)::bigint AS usages, sum(prompt_tokens)::bigint AS prompt_tokens,
                   sum(completion_tokens)::bigint AS completion_tokens
            FROM stats_daily_model_live WHERE day BETWEEN :from AND :to
            GROUP BY model HAVING sum(usages) <> 0 OR sum(prompt_tokens) <> 0 OR sum(completion_tokens) <> 0
            ORDER BY model
            """)
    @RegisterConstructorMapper(ModelUsage.class)
    List<ModelUsage> models(@Bind("from") LocalDate from, @Bind("to") LocalDate to);
}
