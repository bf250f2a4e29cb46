package com.intelia.expert.migrations;

import com.intelia.expert.support.TestDatabase;

import java.util.List;
import java.util.Map;

/**
 * Everything that makes up the application schema, in an order that ignores how it came to be. Types are compared by
 * what they hold (issue 10): text and varchar are one type, smallint and integer are one, and session_id may be uuid
 * or text. Columns listed in {@code undocumented} (kept from a legacy table) are left out.
 */
record SchemaSnapshot(List<Map<String, Object>> columns, List<Map<String, Object>> indexes,
                      List<Map<String, Object>> constraints, List<Map<String, Object>> triggers,
                      Object view, Object function, Object countFunction) {

    private static final String TABLES = "('conversations', 'feedback', 'invitations', 'user_questions_complete')";
    private static final String TYPE = "CASE WHEN data_type IN ('character varying', 'text') THEN 'text'"
            + " WHEN data_type IN ('smallint', 'integer') THEN 'integer'"
            + " WHEN column_name = 'session_id' AND data_type = 'uuid' THEN 'text' ELSE data_type END";

    static SchemaSnapshot of(TestDatabase database, String... undocumented) {
        String skip = undocumented.length == 0 ? "''" : "'" + String.join("', '", undocumented) + "'";
        return new SchemaSnapshot(
                database.rows("SELECT table_name, column_name, " + TYPE + " AS type, is_nullable,"
                        + " regexp_replace(column_default, '::(character varying|text|smallint|integer)', '', 'g')"
                        + " AS column_default FROM information_schema.columns WHERE table_schema = 'public'"
                        + " AND table_name IN " + TABLES + " AND column_name NOT IN (" + skip + ")"
                        + " ORDER BY table_name, column_name"),
                database.rows("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
                        + " AND tablename IN " + TABLES + " ORDER BY tablename, indexname"),
                database.rows("SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def"
                        + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"),
                database.rows("SELECT event_object_table, trigger_name, event_manipulation, action_timing,"
                        + " action_statement FROM information_schema.triggers WHERE trigger_schema = 'public'"
                        + " ORDER BY 1, 2, 3"),
                database.value("SELECT regexp_replace(pg_get_viewdef('user_questions_complete'::regclass, true),"
                        + " '::(character varying|text)', '', 'g')"),
                database.value("SELECT pg_get_functiondef('update_updated_at_column'::regproc)"),
                database.value("SELECT pg_get_functiondef('get_user_conversation_count'::regproc)"));
    }
}
