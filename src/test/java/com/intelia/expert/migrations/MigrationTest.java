package com.intelia.expert.migrations;

import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** migrations.xml on an empty database, on legacy databases built by hand, and run again. */
class MigrationTest {

    private static final String CORE_COLUMNS =
            "id, session_id, user_id, question, response, created_at, updated_at";

    private static SchemaSnapshot fresh;

    @BeforeAll
    static void migrateAnEmptyDatabase() {
        TestDatabase database = TestDatabase.empty();
        DatabaseMigrator.migrate(database.dataSource());
        fresh = SchemaSnapshot.of(database);
    }

    @Test
    void anEmptyDatabaseGetsTheWholeSchema() {
        assertThat(fresh.columns()).extracting(c -> c.get("table_name") + "." + c.get("column_name"))
                .contains("conversations.response_source", "conversations.processing_time_ms",
                        "conversations.response_confidence", "conversations.title", "conversations.preview",
                        "conversations.last_message_preview", "conversations.message_count",
                        "conversations.language", "conversations.status", "conversations.feedback",
                        "conversations.feedback_comment", "conversations.sources", "conversations.mode",
                        "conversations.model", "conversations.prompt_tokens", "conversations.completion_tokens",
                        "feedback.rating", "feedback.feedback_type", "invitations.token_hash",
                        "invitations.expires_at", "user_questions_complete.question");
        assertThat(fresh.triggers()).extracting(t -> t.get("trigger_name")).contains(
                "update_conversations_updated_at", "update_feedback_updated_at", "update_invitations_updated_at");
        assertThat(fresh.indexes()).extracting(i -> i.get("indexname")).contains(
                "idx_conversations_user_created_at", "idx_invitations_token_hash");
    }

    @Test
    void aLegacyTableWithoutOptionalColumnsIsAdoptedWithoutRewritingIt() {
        TestDatabase database = TestDatabase.empty();
        database.execute(resource("legacy/minimal-conversations.sql"));
        database.execute("INSERT INTO conversations (session_id, user_id, question, response, created_at)"
                + " SELECT 's-' || g, ('20000000-0000-4000-8000-' || lpad((g % 50)::text, 12, '0'))::uuid,"
                + " 'How much water does a layer drink at ' || g || ' weeks?', CASE WHEN g % 10 <> 0 THEN 'About '"
                + " || g || ' ml' END, timestamptz '2025-01-01 00:00:00+00' + g * interval '1 minute'"
                + " FROM generate_series(1, 1000) g");
        List<Map<String, Object>> before = database.rows("SELECT " + CORE_COLUMNS + " FROM conversations ORDER BY id");
        Object fileBefore = database.value("SELECT pg_relation_filenode('conversations')");

        DatabaseMigrator.migrate(database.dataSource());

        assertThat(database.rows("SELECT " + CORE_COLUMNS + " FROM conversations ORDER BY id")).isEqualTo(before);
        assertThat(before).hasSize(1000);
        assertThat(database.value("SELECT pg_relation_filenode('conversations')"))
                .as("adding columns with constant defaults must not rewrite the table").isEqualTo(fileBefore);
        assertThat(database.value("SELECT count(*) FROM conversations WHERE status = 'active' AND message_count = 1"))
                .isEqualTo(1000L);
        assertThat(SchemaSnapshot.of(database)).isEqualTo(fresh);
    }

    @Test
    void aDatabaseBuiltByTheOldScriptIsAdoptedWithEveryRowKept() {
        TestDatabase database = TestDatabase.empty();
        database.execute(resource("legacy/old-full-script.sql"));
        List<Map<String, Object>> before = database.rows("SELECT " + CORE_COLUMNS + ", response_source,"
                + " response_confidence, processing_time_ms, language, feedback_comment FROM conversations ORDER BY id");
        List<Map<String, Object>> feedbackBefore = database.rows(
                "SELECT id, CASE btrim(feedback) WHEN '1' THEN 1 WHEN '-1' THEN -1 END AS feedback"
                        + " FROM conversations ORDER BY id");
        List<Map<String, Object>> feedbackRows = database.rows(
                "SELECT id, conversation_id, user_id, rating, comment, created_at FROM feedback ORDER BY id");
        List<Map<String, Object>> invitations = database.rows(
                "SELECT id, inviter_user_id, inviter_email, invited_email, status, created_at, accepted_at"
                        + " FROM invitations ORDER BY id");

        DatabaseMigrator.migrate(database.dataSource());

        assertThat(database.rows("SELECT " + CORE_COLUMNS + ", response_source, response_confidence,"
                + " processing_time_ms, language, feedback_comment FROM conversations ORDER BY id")).isEqualTo(before);
        assertThat(database.rows("SELECT id, feedback::integer AS feedback FROM conversations ORDER BY id"))
                .isEqualTo(feedbackBefore);
        assertThat(database.rows("SELECT id, conversation_id, user_id, rating, comment, created_at FROM feedback"
                + " ORDER BY id")).isEqualTo(feedbackRows);
        assertThat(database.rows("SELECT id, inviter_user_id, inviter_email, invited_email, status, created_at,"
                + " accepted_at FROM invitations ORDER BY id")).isEqualTo(invitations);
        assertThat(database.value("SELECT count(*) FROM user_questions_complete")).isEqualTo(200L);
        assertThat(SchemaSnapshot.of(database)).isEqualTo(fresh);
    }

    @Test
    void legacyFeedbackThatCannotBeConvertedStopsTheMigrationAndChangesNothing() {
        TestDatabase database = TestDatabase.empty();
        database.execute(resource("legacy/old-full-script.sql"));
        database.execute("UPDATE conversations SET feedback = 'great' WHERE session_id = 'session-5'");
        database.execute("INSERT INTO feedback (conversation_id, user_id, rating) SELECT conversation_id, user_id, 1"
                + " FROM feedback LIMIT 1");
        List<Map<String, Object>> catalogue = catalogue(database);

        assertThatThrownBy(() -> DatabaseMigrator.migrate(database.dataSource()))
                .isInstanceOf(MigrationHaltedException.class)
                .hasMessageContaining("stopped before changing anything")
                .hasMessageContaining("1 conversations hold a feedback value other than 1, -1")
                .hasMessageContaining("1 (conversation, user) pairs have several feedback rows")
                .hasMessageNotContaining("great");

        assertThat(catalogue(database)).as("every check runs before the first change").isEqualTo(catalogue);
        assertThat(database.value("SELECT to_regclass('databasechangelog')::text")).isNull();

        assertThat(database.value("SELECT feedback FROM conversations WHERE session_id = 'session-5'"))
                .isEqualTo("great");
        assertThat(database.value("SELECT data_type FROM information_schema.columns"
                + " WHERE table_name = 'conversations' AND column_name = 'feedback'")).isEqualTo("character varying");
    }

    @Test
    void runningTheMigrationAgainChangesNothing() {
        TestDatabase database = TestDatabase.migrated();
        Object applied = database.value("SELECT count(*) FROM databasechangelog");

        DatabaseMigrator.migrate(database.dataSource());

        assertThat(database.value("SELECT count(*) FROM databasechangelog")).isEqualTo(applied);
        assertThat(SchemaSnapshot.of(database)).isEqualTo(fresh);
    }

    @Test
    void dbMigrateStatusAndDryRunWorkFromTheCommandLine() {
        TestDatabase database = TestDatabase.empty();
        database.execute(resource("legacy/minimal-conversations.sql"));

        CliRunner.Result status = CliRunner.run(database.environment(), "db", "status", "config.yml");
        assertThat(status.success()).as(status.output()).isTrue();
        assertThat(status.output()).contains("changesets have not been applied");

        CliRunner.Result dryRun = CliRunner.run(database.environment(), "db", "migrate", "--dry-run", "config.yml");
        assertThat(dryRun.success()).as(dryRun.output()).isTrue();
        assertThat(dryRun.output()).contains("ALTER TABLE conversations ADD COLUMN response_source varchar(50)");
        assertThat(database.value("SELECT count(*) FROM information_schema.columns"
                + " WHERE table_name = 'conversations'")).as("a dry run changes nothing").isEqualTo(7L);

        CliRunner.Result migrate = CliRunner.run(database.environment(), "db", "migrate", "config.yml");
        assertThat(migrate.success()).as(migrate.output()).isTrue();
        assertThat(SchemaSnapshot.of(database)).isEqualTo(fresh);

        CliRunner.Result after = CliRunner.run(database.environment(), "db", "status", "config.yml");
        assertThat(after.output()).contains("is up to date");
    }

    @Test
    void concurrentMigrationsOfAnEmptyDatabaseAreSerialized() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            TestDatabase database = TestDatabase.empty();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> runs = new ArrayList<>();
                CountDownLatch start = new CountDownLatch(1);
                for (int i = 0; i < 3; i++) {
                    runs.add(pool.submit(() -> {
                        start.await();
                        DatabaseMigrator.migrate(database.dataSource());
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> run : runs) {
                    run.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(SchemaSnapshot.of(database)).isEqualTo(fresh);
            assertThat(database.value("SELECT count(*) - count(DISTINCT id) FROM databasechangelog")).isEqualTo(0L);
        }
    }

    @Test
    void aStaleLiquibaseLockStopsTheMigrationAtOnceWithTheRemedy() {
        TestDatabase database = TestDatabase.migrated();
        database.execute("UPDATE databasechangeloglock SET locked = true, lockgranted = now() - interval '1 hour',"
                + " lockedby = 'killed-host (10.0.0.9)'");

        long started = System.nanoTime();
        assertThatThrownBy(() -> DatabaseMigrator.migrate(database.dataSource()))
                .isInstanceOf(MigrationHaltedException.class)
                .hasMessageContaining("killed-host")
                .hasMessageContaining("db locks --force-release");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
    }

    /** Tables, columns and their types: what information_schema shows of the database. */
    static List<Map<String, Object>> catalogue(TestDatabase database) {
        return database.rows("SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default"
                + " FROM information_schema.columns c WHERE c.table_schema = 'public' ORDER BY 1, 2");
    }

    static String resource(String name) {
        try (InputStream in = MigrationTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
