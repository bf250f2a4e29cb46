package com.intelia.expert.db;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.UUID;

/**
 * SQL of the demo data (core/DemoData, `seed-demo` and the first `scripts/run`): conversations spread over past days,
 * deterministic (ids and texts derived from the day and the row number), written to {@code conversations} so that
 * the rollup triggers count them like any save.
 */
public interface DemoDataDao {

    /**
     * 15 to 44 one-turn chats a day for {@code days} days back from today, users, questions and languages taken in
     * turn from the arrays; each is last updated when it was asked, as the history groups chats by that day.
     */
    @SqlUpdate("""
            INSERT INTO conversations (id, session_id, user_id, question, response, response_source,
                response_confidence, processing_time_ms, language, model, prompt_tokens, completion_tokens,
                title, preview, last_message_preview, created_at, updated_at)
            SELECT md5('demo-' || d || '-' || n)::uuid, md5('demo-' || d || '-' || n)::uuid,
                (:users)[1 + ((2147483647 & hashint4(d * 97 + n)) % cardinality(:users))],
                q.text, 'Demo answer: see the management guide for ' || lower(left(q.text, 40)) || '...',
                s.source, round((0.55 + ((2147483647 & hashint4(n + d)) % 45) / 100.0)::numeric, 2),
                (400 + ((2147483647 & hashint4(d * 31 + n)) % 2600) + CASE WHEN n % 17 = 0 THEN 6000 ELSE 0 END),
                (:languages)[1 + ((2147483647 & hashint4(n * 7 + d)) % cardinality(:languages))],
                CASE WHEN s.source = 'openai_fallback' THEN 'gpt-4o' ELSE 'gpt-4o-mini' END,
                300 + (2147483647 & hashint4(n)) % 900, 120 + (2147483647 & hashint4(d + n * 3)) % 500,
                left(q.text, 60), left(q.text, 120), 'Demo answer: see the management guide...', t.at, t.at
            FROM generate_series(0, :days - 1) d,
                 LATERAL generate_series(1, 15 + (2147483647 & hashint4(d)) % 30) n,
                 LATERAL (SELECT (:questions)[1 + ((2147483647 & hashint4(d * 5 + n)) % cardinality(:questions))]
                          AS text) q,
                 LATERAL (SELECT CASE WHEN (2147483647 & hashint4(n * 11 + d)) % 100 < 60 THEN 'rag'
                                      WHEN (2147483647 & hashint4(n * 11 + d)) % 100 < 85 THEN 'openai_fallback'
                                      WHEN (2147483647 & hashint4(n * 11 + d)) % 100 < 95 THEN 'table_lookup'
                                      ELSE 'perfstore' END AS source) s,
                 LATERAL (SELECT least(now(), date_trunc('day', now()) - d * interval '1 day'
                          + ((2147483647 & hashint4(d * 13 + n)) % 86000) * interval '1 second') AS at) t
            """)
    int insertConversations(@Bind("users") UUID[] users, @Bind("questions") String[] questions,
                            @Bind("languages") String[] languages, @Bind("days") int days);

    /** Twelve conversations of {@code orphan}, a user_id without profile, one every two days back from now. */
    @SqlUpdate("""
            INSERT INTO conversations (id, session_id, user_id, question, response, response_source,
                processing_time_ms, language, created_at, updated_at)
            SELECT md5('orphan-' || g)::uuid, md5('orphan-' || g)::uuid, :orphan,
                'Quelle est la duree d''eclairage pour des pondeuses?',
                'Demo answer: 16 heures de lumiere en production.', 'rag', 900 + g * 40, 'fr',
                now() - g * interval '2 days', now() - g * interval '2 days'
            FROM generate_series(1, 12) g
            """)
    int insertOrphanConversations(@Bind("orphan") UUID orphan);

    /** A conversation to rate: its id and its user. */
    record Rateable(UUID id, UUID userId) {
    }

    /** Every conversation of users other than {@code orphan}, in id order (a stable order for seeded ratings). */
    @SqlQuery("SELECT id, user_id FROM conversations WHERE user_id <> :orphan ORDER BY id")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(Rateable.class)
    List<Rateable> rateable(@Bind("orphan") UUID orphan);
}
