package com.intelia.expert.cli;

import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.OriginalSchema;
import com.intelia.expert.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back up first, as the upgrade guide says: on a database the original backend created, before db migrate, and
 * back into a database of that same shape (the rollback of a failed migration); a target that lacks a column or
 * table of the backup is refused before anything is written.
 */
class LegacyBackupRestoreTest {

    private static final List<String> LEGACY_TABLES = List.of("conversations", "feedback", "invitations");
    private static final TestDatabase SOURCE = TestDatabase.empty();

    @TempDir
    static Path directory;
    private static Path backup;

    @BeforeAll
    static void backUpTheLegacyDatabase() {
        OriginalSchema.create(SOURCE);
        OriginalSchema.insertRows(SOURCE);
        backup = directory.resolve("legacy.backup.gz");
        CliRunner.Result result = CliRunner.run(SOURCE.environment(), "backup", "config.yml", "--out", backup.toString());
        assertThat(result.success()).as(result.output()).isTrue();
    }

    private static TestDatabase legacyShaped() {
        TestDatabase database = TestDatabase.empty();
        OriginalSchema.create(database);
        return database;
    }

    private static Map<String, List<Map<String, Object>>> contents(TestDatabase database, List<String> tables) {
        Map<String, List<Map<String, Object>>> contents = new LinkedHashMap<>();
        for (String table : tables) {
            contents.put(table, database.rows("SELECT * FROM " + table + " t ORDER BY t::text"));
        }
        return contents;
    }

    @Test
    void aLegacyDatabaseRestoresIntoADatabaseOfTheSameShapeRowForRow() {
        TestDatabase target = legacyShaped();

        CliRunner.Result restore = CliRunner.run(target.environment(), "restore", "config.yml", backup.toString());

        assertThat(restore.success()).as(restore.output()).isTrue();
        assertThat(restore.stdout()).contains("conversations", "120 rows", "feedback", "invitations", "4 rows");
        assertThat(contents(target, LEGACY_TABLES)).isEqualTo(contents(SOURCE, LEGACY_TABLES));
        assertThat(contents(SOURCE, LEGACY_TABLES).values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());
        assertThat(target.value("SELECT count(*) FROM feedback WHERE ip_address IS NOT NULL AND user_agent IS NOT NULL"))
                .isEqualTo(SOURCE.value("SELECT count(*) FROM feedback")).isNotEqualTo(0L);
        // not migrated: still the original's shape, text feedback and plain tokens
        assertThat(target.value("SELECT to_regclass('databasechangelog')::text")).isNull();
        assertThat(target.value("SELECT data_type FROM information_schema.columns"
                + " WHERE table_name = 'conversations' AND column_name = 'feedback'")).isEqualTo("text");
    }

    @Test
    void aLegacyDatabaseWithoutFeedbackAndInvitationsIsBackedUpWithWhatItHas() throws Exception {
        TestDatabase source = legacyShaped();
        OriginalSchema.insertRows(source);
        source.execute("DROP TABLE feedback; DROP TABLE invitations");
        Path file = directory.resolve("conversations-only.backup");

        CliRunner.Result result = CliRunner.run(source.environment(), "backup", "config.yml", "--out", file.toString());

        assertThat(result.success()).as(result.output()).isTrue();
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).filteredOn(line -> line.startsWith("@table "))
                .extracting(line -> line.split(" ")[1]).containsExactly("conversations");
        TestDatabase target = legacyShaped();
        CliRunner.Result restore = CliRunner.run(target.environment(), "restore", "config.yml", file.toString());
        assertThat(restore.success()).as(restore.output()).isTrue();
        assertThat(contents(target, List.of("conversations"))).isEqualTo(contents(source, List.of("conversations")));
    }

    @Test
    void aColumnOfTheBackupThatTheTargetLacksIsRefusedBeforeAnythingIsWritten() {
        TestDatabase target = legacyShaped();
        OriginalSchema.insertRows(target);
        target.execute("UPDATE invitations SET status = 'kept' WHERE token = 'tok-plain-1'");
        target.execute("ALTER TABLE feedback DROP COLUMN user_agent");
        Map<String, List<Map<String, Object>>> before = contents(target, LEGACY_TABLES);

        CliRunner.Result restore = CliRunner.run(target.environment(), "restore", "config.yml", backup.toString(),
                "--replace");

        assertThat(restore.success()).isFalse();
        String message = restore.stderr().lines().filter(line -> line.startsWith("restore failed")).findFirst().orElseThrow();
        assertThat(message).contains("feedback.user_agent", "missing from this database", "db migrate").hasSizeLessThan(300);
        assertThat(message).doesNotContain("Mozilla", "example.com", "tok-plain");
        assertThat(contents(target, LEGACY_TABLES)).isEqualTo(before);
    }

    @Test
    void aTableOfTheBackupThatTheTargetLacksIsRefusedBeforeAnythingIsWritten() {
        TestDatabase target = legacyShaped();
        target.execute("DROP TABLE invitations");

        CliRunner.Result restore = CliRunner.run(target.environment(), "restore", "config.yml", backup.toString());

        assertThat(restore.success()).isFalse();
        assertThat(restore.stderr()).contains("restore failed, nothing was changed: the backup holds table invitations,"
                + " which this database lacks");
        assertThat(target.value("SELECT count(*) FROM conversations")).isEqualTo(0L);
        assertThat(target.value("SELECT count(*) FROM feedback")).isEqualTo(0L);
    }

    @Test
    void aRowThatDoesNotFitATargetColumnIsNamedByTableRowAndColumnWithoutItsValue() {
        TestDatabase target = legacyShaped();
        target.execute("ALTER TABLE feedback ALTER COLUMN ip_address TYPE integer USING NULL");

        CliRunner.Result restore = CliRunner.run(target.environment(), "restore", "config.yml", backup.toString());

        assertThat(restore.success()).isFalse();
        String message = restore.stderr().lines().filter(line -> line.startsWith("restore failed")).findFirst().orElseThrow();
        assertThat(message).contains("rows of feedback do not fit", "row 1", "column ip_address (inet in the backup,"
                + " integer here)").doesNotContain("203.0.113", "Mozilla");
        assertThat(target.value("SELECT count(*) FROM conversations")).isEqualTo(0L);
    }
}
