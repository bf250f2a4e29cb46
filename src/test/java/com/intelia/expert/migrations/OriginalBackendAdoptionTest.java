package com.intelia.expert.migrations;

import com.intelia.expert.support.OriginalSchema;
import com.intelia.expert.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * db migrate on the database the original backend created (support/OriginalSchema, written from
 * its db_schema_postgresql.sql and production_migration.sql): every row kept, plain invitation tokens gone, the schema
 * equal to a fresh database's plus the column nobody documented.
 */
class OriginalBackendAdoptionTest {

    private static final String CONVERSATION_COLUMNS = "id, session_id::text AS session_id, user_id, question, response,"
            + " mode, sources, response_source, response_confidence, processing_time_ms, title, preview,"
            + " last_message_preview, message_count, language, status, feedback_comment, client_version, created_at,"
            + " updated_at";
    private static final String FEEDBACK_COLUMNS = "id, conversation_id, user_id, rating, comment, feedback_type,"
            + " user_agent, host(ip_address) AS ip, created_at";
    private static final String INVITATION_COLUMNS = "id, inviter_email, inviter_name, inviter_user_id, invited_email,"
            + " invited_name, status, invitation_code, expires_at, accepted_at, created_at, updated_at";
    private static final String WITHOUT_STATUS = "'30000000-0000-4000-8000-000000008888'";

    private static TestDatabase original;
    private static List<Map<String, Object>> conversations;
    private static List<Map<String, Object>> feedbackValues;
    private static List<Map<String, Object>> feedbackRows;
    private static List<Map<String, Object>> invitations;

    @BeforeAll
    static void migrateTheOriginalDatabase() {
        original = TestDatabase.empty();
        OriginalSchema.create(original);
        OriginalSchema.insertProductionRows(original);
        conversations = original.rows("SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE id <> "
                + WITHOUT_STATUS + " ORDER BY id");
        feedbackValues = original.rows("SELECT id, CASE feedback WHEN '1' THEN 1 WHEN '-1' THEN -1 END AS feedback"
                + " FROM conversations ORDER BY id");
        feedbackRows = original.rows("SELECT " + FEEDBACK_COLUMNS + " FROM feedback ORDER BY id");
        invitations = original.rows("SELECT " + INVITATION_COLUMNS + " FROM invitations ORDER BY id");

        DatabaseMigrator.migrate(original.dataSource());
    }

    @Test
    void everyConversationIsKeptWithItsValuesAndTheUndocumentedColumn() {
        assertThat(conversations).hasSize(301);
        assertThat(original.rows("SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE id <> "
                + WITHOUT_STATUS + " ORDER BY id")).as("every value, updated_at included").isEqualTo(conversations);
        assertThat(original.rows("SELECT id, feedback::integer AS feedback FROM conversations ORDER BY id"))
                .isEqualTo(feedbackValues);
        assertThat(original.value("SELECT data_type FROM information_schema.columns"
                + " WHERE table_name = 'conversations' AND column_name = 'session_id'"))
                .as("session_id keeps its type: both hold the chat ids").isEqualTo("uuid");
    }

    @Test
    void aRowWithoutStatusGetsTheOriginalDefaultsAndKeepsItsDates() {
        assertThat(original.rows("SELECT status, message_count, created_at::text AS created, updated_at::text AS updated"
                + " FROM conversations WHERE id = " + WITHOUT_STATUS)).containsExactly(Map.of("status", "active",
                "message_count", 1, "created", "2025-10-01 09:00:00+00", "updated", "2025-10-02 09:00:00+00"));
    }

    @Test
    void feedbackRowsAreKeptWithUserAgentAndAddress() {
        assertThat(feedbackRows).hasSizeGreaterThan(100);
        assertThat(original.rows("SELECT " + FEEDBACK_COLUMNS + " FROM feedback ORDER BY id")).isEqualTo(feedbackRows);
    }

    @Test
    void invitationsAreKeptAndNoPlainTokenSurvives() {
        assertThat(original.rows("SELECT " + INVITATION_COLUMNS + " FROM invitations ORDER BY id"))
                .isEqualTo(invitations);
        assertThat(original.value("SELECT count(*) FROM information_schema.columns"
                + " WHERE table_name = 'invitations' AND column_name = 'token'")).isEqualTo(0L);
        assertThat(original.value("SELECT count(*) FROM invitations WHERE token_hash IS NULL")).isEqualTo(0L);
        assertThat(original.value("SELECT count(*) FROM invitations WHERE token_hash LIKE '%legacy-token%'"))
                .isEqualTo(0L);
        assertThat(original.value("SELECT token_hash FROM invitations WHERE id = '50000000-0000-4000-8000-000000000002'"))
                .isEqualTo(original.value("SELECT encode(sha256('legacy-token-pending-0002'::bytea), 'hex')"));
    }

    @Test
    void theRollupsCountTheActiveRows() {
        assertThat(original.value("SELECT sum(questions) FROM stats_daily_live"))
                .isEqualTo(original.value("SELECT count(*)::numeric FROM conversations WHERE status = 'active'"));
        assertThat(original.value("SELECT count(*) FROM (SELECT * FROM stats_expected_daily EXCEPT"
                + " SELECT day, shard, sum(questions)::bigint, sum(errors)::bigint, sum(feedback_positive)::bigint,"
                + " sum(feedback_negative)::bigint, sum(latency_count)::bigint, sum(latency_sum_ms)::bigint,"
                + " min(latency_min_ms), max(latency_max_ms) FROM stats_daily_live GROUP BY day, shard) d")).isEqualTo(0L);
    }

    @Test
    void theSchemaEqualsAFreshDatabasesPlusTheUndocumentedColumn() {
        TestDatabase fresh = TestDatabase.migrated();
        assertThat(SchemaSnapshot.of(original, "client_version")).isEqualTo(SchemaSnapshot.of(fresh));
        assertThat(original.value("SELECT get_user_conversation_count('40000000-0000-4000-8000-000000000001')"))
                .isEqualTo(original.value("SELECT count(*)::integer FROM conversations"
                        + " WHERE user_id = '40000000-0000-4000-8000-000000000001' AND status = 'active'"));
    }

    @Test
    void runningTheMigrationAgainChangesNothing() {
        Object applied = original.value("SELECT count(*) FROM databasechangelog");
        DatabaseMigrator.migrate(original.dataSource());
        assertThat(original.value("SELECT count(*) FROM databasechangelog")).isEqualTo(applied);
    }
}
