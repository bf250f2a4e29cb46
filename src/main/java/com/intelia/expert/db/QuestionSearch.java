package com.intelia.expert.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * SQL of the questions page: active conversations newest first by (created_at, id), filtered by fixed fragments
 * with bound values. A page starts after a (created_at, id) position (index-backed keyset), at a small offset into
 * one day or month that the rollups located, or at an offset into the whole list (bounded by the caller); q uses
 * the trigram indexes on question and response. Rows saved without a language (before every save stored one)
 * read, and filter, as the column's default, fr.
 */
public final class QuestionSearch {

    private static final String LANGUAGE = "COALESCE(c.language, 'fr')";
    private static final String COLUMNS = "c.id, c.created_at, c.user_id, c.session_id, c.question, c.response,"
            + " c.response_source, c.response_confidence, c.processing_time_ms, " + LANGUAGE + " AS language,"
            + " c.feedback::integer AS feedback, c.feedback_comment";

    private final Handle handle;

    public QuestionSearch(Handle handle) {
        this.handle = handle;
    }

    /** Up to {@code limit} rows after the position (when given) or after skipping {@code offset} rows. */
    public List<QuestionRow> page(QuestionFilter filter, OffsetDateTime afterCreatedAt, UUID afterId, long offset,
                                  int limit) {
        List<String> where = conditions(filter);
        if (afterCreatedAt != null) {
            where.add("(c.created_at, c.id) < (:afterCreatedAt, :afterId)");
        }
        Query query = named(handle.createQuery("SELECT " + COLUMNS + " FROM conversations c WHERE "
                + String.join(" AND ", where) + " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit OFFSET :offset"),
                "page");
        bind(query, filter);
        if (afterCreatedAt != null) {
            query.bind("afterCreatedAt", afterCreatedAt).bind("afterId", afterId);
        }
        return query.bind("limit", limit).bind("offset", offset)
                .registerRowMapper(org.jdbi.v3.core.mapper.reflect.ConstructorMapper.factory(QuestionRow.class))
                .mapTo(QuestionRow.class).list();
    }

    /**
     * Up to {@code limit} rows of the list, starting with its row {@code skip} rows after the newest row of the period
     * [{@code periodStart}, {@code periodEnd}), which holds {@code periodRows} rows of the list. The start row is
     * found on the index alone ((created_at, id), or the user's own index), within the period only and from its
     * nearer end, so that finding it reads at most half a period's index entries and no table rows; only the page's
     * rows are fetched.
     */
    public List<QuestionRow> pageAt(QuestionFilter filter, OffsetDateTime periodStart, OffsetDateTime periodEnd,
                                    long periodRows, long skip, int limit) {
        boolean fromOldest = skip > (periodRows - 1) / 2;
        String order = fromOldest ? "ASC" : "DESC";
        String where = String.join(" AND ", conditions(filter));
        Query query = named(handle.createQuery("WITH first AS (SELECT c.created_at, c.id FROM conversations c WHERE "
                + where + " AND c.created_at >= :periodStart AND c.created_at < :periodEnd"
                + " ORDER BY c.created_at " + order + ", c.id " + order + " OFFSET :skip LIMIT 1)"
                + " SELECT p.* FROM first f CROSS JOIN LATERAL (SELECT " + COLUMNS + " FROM conversations c WHERE "
                + where + " AND (c.created_at, c.id) <= (f.created_at, f.id)"
                + " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit) p ORDER BY p.created_at DESC, p.id DESC"),
                "pageAt");
        bind(query, filter);
        return query.bind("periodStart", periodStart).bind("periodEnd", periodEnd)
                .bind("skip", fromOldest ? periodRows - 1 - skip : skip).bind("limit", limit)
                .registerRowMapper(org.jdbi.v3.core.mapper.reflect.ConstructorMapper.factory(QuestionRow.class))
                .mapTo(QuestionRow.class).list();
    }

    /** Matching rows, all of them: for a period the caller knows to be short (at most a day or a month of rows). */
    public long countAll(QuestionFilter filter) {
        Query query = named(handle.createQuery("SELECT count(*) FROM conversations c WHERE "
                + String.join(" AND ", conditions(filter))), "countAll");
        bind(query, filter);
        return query.mapTo(Long.class).one();
    }

    /** Matching rows, counted up to {@code cap} (a count at the cap means "at least"). */
    public long count(QuestionFilter filter, long cap) {
        Query query = named(handle.createQuery("SELECT count(*) FROM (SELECT 1 FROM conversations c WHERE "
                + String.join(" AND ", conditions(filter)) + " LIMIT :cap) matching"), "count");
        bind(query, filter);
        return query.bind("cap", cap).mapTo(Long.class).one();
    }

    /** Timed in /metrics as this class's {@code method} (db/StatementNames). */
    private static Query named(Query query, String method) {
        return StatementNames.named(query, QuestionSearch.class, method);
    }

    private static List<String> conditions(QuestionFilter filter) {
        List<String> where = new ArrayList<>();
        where.add("c.status = 'active'");
        if (filter.userId() != null) {
            where.add("c.user_id = :userId");
        }
        if (filter.responseSources() != null) {
            where.add("COALESCE(c.response_source, '') = ANY(:responseSources)");
        }
        if (filter.feedback() != null) {
            where.add(filter.feedback() == 0 ? "c.feedback IS NULL" : "c.feedback = :feedback");
        }
        if (filter.language() != null) {
            where.add(LANGUAGE + " = :language");
        }
        if (filter.from() != null) {
            where.add("c.created_at >= :from");
        }
        if (filter.toExclusive() != null) {
            where.add("c.created_at < :toExclusive");
        }
        if (filter.search() != null) {
            where.add("(c.question ILIKE :pattern OR c.response ILIKE :pattern)");
        }
        return where;
    }

    private static void bind(Query query, QuestionFilter filter) {
        if (filter.userId() != null) {
            query.bind("userId", filter.userId());
        }
        if (filter.responseSources() != null) {
            query.bind("responseSources", filter.responseSources().toArray(String[]::new));
        }
        if (filter.feedback() != null && filter.feedback() != 0) {
            query.bind("feedback", filter.feedback().shortValue());
        }
        if (filter.language() != null) {
            query.bind("language", filter.language());
        }
        if (filter.from() != null) {
            query.bind("from", filter.from());
        }
        if (filter.toExclusive() != null) {
            query.bind("toExclusive", filter.toExclusive());
        }
        if (filter.search() != null) {
            query.bind("pattern", "%" + escapeLike(filter.search()) + "%");
        }
    }

    /** q is matched literally: LIKE's wildcards and escape character lose their meaning. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
