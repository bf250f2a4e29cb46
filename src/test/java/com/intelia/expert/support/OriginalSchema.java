package com.intelia.expert.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The production database as the original backend's schema created it, before any of our migrations: feedback as
 * text '1'/'-1' on conversations, a feedback table with user agent and IP address, invitations with plain tokens
 * and no inviter id, the view and the updated_at trigger. Tests build it to show that backup and restore work on a
 * legacy database without running db migrate.
 */
public final class OriginalSchema {

    private OriginalSchema() {
    }

    /** Creates the original tables, indexes, view, trigger and function in an empty database. */
    public static void create(TestDatabase database) {
        database.execute(resource("legacy/original-backend-schema.sql"));
    }

    /**
     * The rows of legacy/original-backend-rows.sql: 301 conversations of 6 users in chats of three turns (some archived
     * or deleted), their feedback, and invitations in every status, two of them pending, with plain tokens
     * {@code legacy-token-<status>-<n>}, NULL inviter ids for inviters known by e-mail only.
     */
    public static void insertProductionRows(TestDatabase database) {
        database.execute(resource("legacy/original-backend-rows.sql"));
    }

    /** A file of src/test/resources as text. */
    public static String resource(String name) {
        try (InputStream in = OriginalSchema.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows as the original backend wrote them (text feedback, plain tokens, no inviter id). */
    public static void insertRows(TestDatabase database) {
        database.execute("""
                INSERT INTO conversations (id, session_id, user_id, question, response, sources, response_source,
                                           processing_time_ms, title, status, feedback, feedback_comment, created_at)
                SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid,
                       ('50000000-0000-4000-8000-' || lpad((g % 11)::text, 12, '0'))::uuid,
                       ('10000000-0000-4000-8000-' || lpad((g % 7)::text, 12, '0'))::uuid,
                       E'Quelle température pour des poussins de ' || g || E' jours ?\\nligne\\tdeux \\\\ fin',
                       'Réponse ' || g,
                       jsonb_build_array(jsonb_build_object('title', 'Guide ' || g, 'page', g)),
                       CASE g % 3 WHEN 0 THEN 'rag' WHEN 1 THEN 'openai_fallback' ELSE NULL END,
                       CASE WHEN g % 5 = 0 THEN NULL ELSE 200 + g END,
                       'Conversation ' || g,
                       CASE WHEN g % 10 = 0 THEN 'deleted' ELSE 'active' END,
                       CASE g % 3 WHEN 0 THEN '1' WHEN 1 THEN '-1' END,
                       CASE WHEN g % 3 = 1 THEN 'pas assez précis' END,
                       timestamptz '2025-06-01 00:00:00+00' + g * interval '5 hours'
                FROM generate_series(1, 120) g;
                INSERT INTO feedback (conversation_id, user_id, rating, comment, feedback_type, user_agent, ip_address)
                SELECT id, user_id, feedback::integer, feedback_comment, 'thumbs',
                       'Mozilla/5.0 (X11; Linux x86_64)', ('203.0.113.' || right(id::text, 2)::integer)::inet
                FROM conversations WHERE feedback IS NOT NULL;
                INSERT INTO invitations (inviter_email, inviter_name, inviter_user_id, invited_email, invited_name,
                                         status, token, invitation_code, expires_at, accepted_at)
                VALUES ('alice@example.com', 'Alice', NULL, 'bob@example.com', 'Bob', 'pending', 'tok-plain-1',
                        'CODE1', now() + interval '7 days', NULL),
                       ('alice@example.com', 'Alice', NULL, 'carol@example.com', NULL, 'accepted', 'tok-plain-2',
                        'CODE2', now() - interval '1 day', now() - interval '2 days'),
                       ('dave@example.com', NULL, NULL, 'erin@example.com', 'Erin', 'expired', 'tok-plain-3',
                        NULL, now() - interval '30 days', NULL),
                       ('dave@example.com', NULL, NULL, 'frank@example.com', NULL, 'cancelled', 'tok-plain-4',
                        NULL, now() + interval '3 days', NULL);
                """);
    }
}
