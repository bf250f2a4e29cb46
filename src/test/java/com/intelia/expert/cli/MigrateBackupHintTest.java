package com.intelia.expert.cli;

import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code db migrate} reminds the operator to take a backup in production, and only there. */
class MigrateBackupHintTest {

    private static final String HINT = "Production database: take a backup first: java -jar intelia-expert.jar backup"
            + " config.yml --out backup-";

    private final TestDatabase database = TestDatabase.empty();

    /** Every variable production requires (as in EnvironmentValidationTest), PostgreSQL being the test database. */
    private Map<String, String> production() {
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("ENVIRONMENT", "production");
        env.put("POSTGRES_SSLMODE", "require");
        env.put("SUPABASE_URL", "https://abcd.supabase.co");
        env.put("SUPABASE_KEY", "anon-key-value-3f9a");
        env.put("SUPABASE_SERVICE_KEY", "service-key-value-8c2d");
        env.put("OPENAI_API_KEY", "openai-key-value-5b7e");
        env.put("ALLOWED_ORIGINS", "https://expert.intelia.com");
        env.put("SECRET_KEY", "secret-key-0123456789-abcdefghijklmnop");
        env.put("JWT_SECRET", "jwt-secret-0123456789-abcdefghijklmnop");
        return env;
    }

    /**
     * The suite's PostgreSQL has no TLS, so with production's sslmode=require the migration itself stops at the
     * connection: the hint must already be out by then, as the first line.
     */
    @Test
    void migrateInProductionSuggestsABackupBeforeMigrating() {
        CliRunner.Result result = CliRunner.run(production(), "db", "migrate", "config.yml");

        String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(result.stdout()).startsWith(HINT + today + ".gz" + System.lineSeparator())
                .containsOnlyOnce(HINT);
    }

    @Test
    void aDryRunInProductionPrintsOnlyTheSql() {
        CliRunner.Result result = CliRunner.run(production(), "db", "migrate", "--dry-run", "config.yml");

        assertThat(result.output()).doesNotContain(HINT);
    }

    @Test
    void migrateInDevelopmentSaysNothingAboutBackups() {
        CliRunner.Result result = CliRunner.run(database.environment(), "db", "migrate", "config.yml");

        assertThat(result.success()).as(result.output()).isTrue();
        assertThat(result.output()).doesNotContain("backup");
        assertThat(database.value("SELECT count(*) FROM databasechangelog")).isNotEqualTo(0L);
    }
}
