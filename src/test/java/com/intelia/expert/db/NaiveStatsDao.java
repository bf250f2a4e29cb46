package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The dashboard's figures computed per request with aggregate SQL over the conversations table: the baseline
 * the rollups are measured and checked against. Periods are [from, to) in UTC.
 */
public interface NaiveStatsDao {

    /** Counts per UTC day (ISO date keys): the 6-month breakdown, today and this month in one scan. */
    @SqlQuery("""
            SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS key, count(*) AS count FROM conversations
            WHERE status = 'active' AND created_at >= :from AND created_at < :to
            GROUP BY 1 ORDER BY 1
            """)
    @RegisterConstructorMapper(KeyCount.class)
    List<KeyCount> daily(@Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to);

    /** Every per-row figure of the period in one scan; percentiles exact (percentile_disc). */
    @SqlQuery("""
            SELECT count(*) AS questions,
                   count(*) FILTER (WHERE stats_is_error(response_source, response)) AS errors,
                   count(*) FILTER (WHERE feedback = 1) AS feedback_positive,
                   count(*) FILTER (WHERE feedback = -1) AS feedback_negative,
                   count(processing_time_ms) AS count, COALESCE(sum(processing_time_ms), 0)::bigint AS sum_ms,
                   min(processing_time_ms) AS min_ms, max(processing_time_ms) AS max_ms,
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY processing_time_ms)::float8 AS p50_ms,
                   percentile_disc(0.95) WITHIN GROUP (ORDER BY processing_time_ms)::float8 AS p95_ms,
                   percentile_disc(0.99) WITHIN GROUP (ORDER BY processing_time_ms)::float8 AS p99_ms
            FROM conversations
            WHERE status = 'active' AND created_at >= :from AND created_at < :to
            """)
    @RegisterConstructorMapper(NaiveSummary.class)
    NaiveSummary summary(@Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to);

    @SqlQuery("""
            SELECT user_id, count(*) AS questions, count(*) OVER () AS users FROM conversations
            WHERE status = 'active' AND created_at >= :from AND created_at < :to
            GROUP BY user_id ORDER BY questions DESC, user_id LIMIT :limit
            """)
    @RegisterConstructorMapper(UserCount.class)
    List<UserCount> topUsers(@Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to,
                             @Bind("limit") int limit);

    @SqlQuery("""
            SELECT COALESCE(response_source, '') AS key, count(*) AS count FROM conversations
            WHERE status = 'active' AND created_at >= :from AND created_at < :to
            GROUP BY 1 ORDER BY 1
            """)
    @RegisterConstructorMapper(KeyCount.class)
    List<KeyCount> sources(@Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to);

    @SqlQuery("""
            SELECT COALESCE(model, '') AS model,
                   count(*) FILTER (WHERE prompt_tokens IS NOT NULL OR completion_tokens IS NOT NULL) AS usages,
                   COALESCE(sum(prompt_tokens), 0)::bigint AS prompt_tokens,
                   COALESCE(sum(completion_tokens), 0)::bigint AS completion_tokens
            FROM conversations
            WHERE status = 'active' AND created_at >= :from AND created_at < :to
              AND (model IS NOT NULL OR prompt_tokens IS NOT NULL OR completion_tokens IS NOT NULL)
            GROUP BY 1
            HAVING count(*) FILTER (WHERE prompt_tokens IS NOT NULL OR completion_tokens IS NOT NULL) > 0
            ORDER BY 1
            """)
    @RegisterConstructorMapper(ModelUsage.class)
    List<ModelUsage> models(@Bind("from") OffsetDateTime from, @Bind("to") OffsetDateTime to);
}
