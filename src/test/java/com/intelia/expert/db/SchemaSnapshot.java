package com.intelia.expert.db;

import com.intelia.expert.support.TestDatabase;

import java.util.List;
import java.util.Map;

/** Everything that makes up the application schema, in an order that ignores how it came to be. */
record SchemaSnapshot(List<Map<String, Object>> columns, List<Map<String, Object>> indexes,
                      List<Map<String, Object>> constraints, List<Map<String, Object>> triggers,
                      Object view, Object function) {

    private static final String TABLES = "('conversations', 'feedback', 'invitations', 'user_questions_complete')";

    static SchemaSnapshot of(TestDatabase database) {
        return new SchemaSnapshot(
                database.rows("SELECT table_name, column_name, data_type, character_maximum_length, is_nullable,"
                        + " column_default FROM information_schema.columns WHERE table_schema = 'public'"
                        + " AND table_name IN " + TABLES + " ORDER BY table_name, column_name"),
                database.rows("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
                        + " AND tablename IN " + TABLES + " ORDER BY tablename, indexname"),
                database.rows("SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def"
                        + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"),
                database.rows("SELECT event_object_table, trigger_name, event_manipulation, action_timing,"
                        + " action_statement FROM information_schema.triggers WHERE trigger_schema = 'public'"
                        + " ORDER BY 1, 2, 3"),
                database.value("SELECT pg_get_viewdef('user_questions_complete'::regclass, true)"),
                database.value("SELECT pg_get_functiondef('update_updated_at_column'::regproc)"));
    }
}
