package com.intelia.expert.cli;

import com.intelia.expert.backup.BackupTables;
import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** backup then restore through the real commands: the copy equals the original row for row. */
class BackupRestoreTest {

    private static final TestDatabase SOURCE = TestDatabase.migrated();

    @TempDir
    Path directory;

    @BeforeAll
    static void fillTheSource() {
        SOURCE.execute("""
                INSERT INTO conversations (id, session_id, user_id, question, response, response_source, sources,
                                           feedback, language, created_at)
                SELECT gen_random_uuid(), 's' || g, ('30000000-0000-4000-8000-' || lpad((g % 9)::text, 12, '0'))::uuid,
                       E'Line one\\nline two\\twith a tab and a backslash \\\\ and accents: poussins ' || g,
                       CASE WHEN g % 5 = 0 THEN NULL ELSE 'Réponse ' || g END,
                       'rag', jsonb_build_array(jsonb_build_object('title', 'Guide ' || g)),
                       CASE g % 3 WHEN 0 THEN 1 WHEN 1 THEN -1 END, 'fr',
                       timestamptz '2025-05-01 00:00:00+00' + g * interval '7 minutes'
                FROM generate_series(1, 3000) g""");
        SOURCE.execute("INSERT INTO feedback (conversation_id, user_id, rating, comment)"
                + " SELECT id, user_id, feedback, 'note' FROM conversations WHERE feedback IS NOT NULL");
        SOURCE.execute("INSERT INTO invitations (inviter_user_id, inviter_email, invited_email, token_hash, expires_at)"
                + " VALUES (gen_random_uuid(), 'host@example.com', 'guest@example.com', 'abc', now() + interval '7 days')");
        SOURCE.execute("""
                INSERT INTO user_id_repairs (id, from_user_id, to_user_id, conversations_moved, feedback_moved)
                VALUES ('40000000-0000-4000-8000-000000000001', gen_random_uuid(), gen_random_uuid(), 2, 1);
                INSERT INTO user_id_repair_rows (repair_id, table_name, row_id)
                SELECT '40000000-0000-4000-8000-000000000001', 'conversations', id FROM conversations LIMIT 2;
                INSERT INTO user_email_claims (user_id, email)
                VALUES ('30000000-0000-4000-8000-000000000001', 'farmer@example.com');
                INSERT INTO local_user_profiles (id, email, first_name, last_name, user_type)
                VALUES ('30000000-0000-4000-8000-000000000002', 'vet@example.com', 'Ana', 'Vet', 'admin');
                INSERT INTO invitation_outbox (invited_user_id, invited_email, token_hash, metadata)
                VALUES (gen_random_uuid(), 'guest@example.com', 'def', '{"language": "fr"}');
                """);
    }

    /** Every owned table's rows. */
    private static Map<String, List<Map<String, Object>>> contents(TestDatabase database) {
        Map<String, List<Map<String, Object>>> contents = new LinkedHashMap<>();
        for (String table : BackupTables.TABLES) {
            contents.put(table, database.rows("SELECT * FROM " + table + " t ORDER BY t::text"));
        }
        return contents;
    }

    @Test
    void aBackupRestoredIntoAFreshMigratedDatabaseBringsBackEveryOwnedTable() throws Exception {
        Path file = directory.resolve("every-table.backup");
        CliRunner.Result backup = CliRunner.run(SOURCE.environment(), "backup", "config.yml", "--out", file.toString());
        assertThat(backup.success()).as(backup.output()).isTrue();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .as("every user's conversations: readable by the owner only").isEqualTo("rw-------");
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).filteredOn(line -> line.startsWith("@table "))
                .extracting(line -> line.split(" ")[1]).containsExactlyElementsOf(BackupTables.TABLES);
        TestDatabase target = TestDatabase.migrated();

        CliRunner.Result restore = CliRunner.run(target.environment(), "restore", "config.yml", file.toString());

        assertThat(restore.success()).as(restore.output()).isTrue();
        assertThat(contents(SOURCE).values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());
        assertThat(contents(target)).isEqualTo(contents(SOURCE));
    }

    @Test
    void aBackupRestoredIntoAnEmptyDatabaseEqualsTheOriginalRowForRow() {
        for (String name : List.of("plain.backup", "compressed.backup.gz")) {
            Path file = directory.resolve(name);
            CliRunner.Result backup = CliRunner.run(SOURCE.environment(), "backup", "config.yml", "--out", file.toString());
            assertThat(backup.success()).as(backup.output()).isTrue();
            assertThat(backup.stdout()).contains("conversations", "3,000 rows");

            TestDatabase target = TestDatabase.empty();
            CliRunner.Result restore = CliRunner.run(target.environment(), "restore", "config.yml", file.toString());

            assertThat(restore.success()).as(restore.output()).isTrue();
            assertThat(contents(target)).isEqualTo(contents(SOURCE));
        }
    }

    @Test
    void restoreRefusesADatabaseThatHoldsRowsUnlessToldToReplaceThem() {
        Path file = directory.resolve("full.backup");
        CliRunner.run(SOURCE.environment(), "backup", "config.yml", "--out", file.toString());
        TestDatabase target = TestDatabase.migrated();
        target.execute("INSERT INTO invitations (inviter_user_id, inviter_email, invited_email) VALUES (gen_random_uuid(), 'h@example.com', 'x@example.com')");

        CliRunner.Result refused = CliRunner.run(target.environment(), "restore", "config.yml", file.toString());
        assertThat(refused.success()).isFalse();
        assertThat(refused.output()).contains("the database is not empty: invitations (1 rows)", "--replace");
        assertThat(target.value("SELECT count(*) FROM conversations")).isEqualTo(0L);

        CliRunner.Result replaced = CliRunner.run(target.environment(), "restore", "config.yml", file.toString(), "--replace");
        assertThat(replaced.success()).as(replaced.output()).isTrue();
        assertThat(contents(target)).isEqualTo(contents(SOURCE));
    }

    @Test
    void afterRestoreWithReplaceTheRollupsEqualTheRestoredRowsAtOnce() {
        Path file = directory.resolve("stats.backup");
        CliRunner.run(SOURCE.environment(), "backup", "config.yml", "--out", file.toString());
        TestDatabase target = TestDatabase.migrated();
        assertThat(CliRunner.run(target.environment(), "restore", "config.yml", file.toString()).success()).isTrue();

        CliRunner.Result replaced = CliRunner.run(target.environment(), "restore", "config.yml", file.toString(), "--replace");

        assertThat(replaced.success()).as(replaced.output()).isTrue();
        assertThat(target.value("SELECT sum(questions) FROM stats_daily"))
                .isEqualTo(new java.math.BigDecimal(target.value("SELECT count(*) FROM conversations WHERE status = 'active'").toString()));
        assertThat(Services.rollups(Jdbi.create(target.dataSource()), Clock.systemUTC()).drift())
                .isNotEmpty().allSatisfy((rollup, drift) -> assertThat(drift).as(rollup).isZero());
    }

    @Test
    void aBackupOfTheFirstFormatWithoutColumnTypesStillRestores() throws Exception {
        Path file = directory.resolve("v2.backup");
        CliRunner.run(SOURCE.environment(), "backup", "config.yml", "--out", file.toString());
        Path v1 = directory.resolve("v1.backup");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        assertThat(lines.get(0)).isEqualTo("# intelia-expert backup v2");
        lines.set(0, "# intelia-expert backup v1");
        lines.removeIf(line -> line.startsWith("@column "));
        Files.write(v1, lines, StandardCharsets.UTF_8);
        TestDatabase target = TestDatabase.empty();

        CliRunner.Result restore = CliRunner.run(target.environment(), "restore", "config.yml", v1.toString());

        assertThat(restore.success()).as(restore.output()).isTrue();
        assertThat(contents(target)).isEqualTo(contents(SOURCE));
    }

    @Test
    void aDamagedBackupIsRefusedAndNothingIsLoaded() throws Exception {
        Path file = directory.resolve("damaged.backup");
        CliRunner.run(SOURCE.environment(), "backup", "config.yml", "--out", file.toString());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replaceFirst("Guide 17\"", "Guide 71\""), StandardCharsets.UTF_8);
        TestDatabase target = TestDatabase.empty();

        CliRunner.Result restore = CliRunner.run(target.environment(), "restore", "config.yml", file.toString());

        assertThat(restore.success()).isFalse();
        assertThat(restore.output()).contains("table conversations does not match its recorded row count or checksum");
        assertThat(target.value("SELECT count(*) FROM conversations")).isEqualTo(0L);
    }

    @Test
    void aTruncatedBackupIsRefused() throws Exception {
        Path file = directory.resolve("truncated.backup");
        CliRunner.run(SOURCE.environment(), "backup", "config.yml", "--out", file.toString());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);
        TestDatabase target = TestDatabase.migrated();

        CliRunner.Result restore = CliRunner.run(target.environment(), "restore", "config.yml", file.toString());

        assertThat(restore.success()).isFalse();
        assertThat(restore.output()).contains("nothing was changed");
        assertThat(target.value("SELECT count(*) FROM conversations")).isEqualTo(0L);
    }
}
