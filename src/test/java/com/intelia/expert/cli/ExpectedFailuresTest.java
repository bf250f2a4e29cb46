package com.intelia.expert.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each command, failing for a reason the operator can fix, prints one short block on stderr: what is wrong and the
 * remedy, no stack trace and no configured secret; --verbose adds the trace. Against the suite's real PostgreSQL.
 */
class ExpectedFailuresTest {

    private static final String PASSWORD = "pg-Password-Never-Printed-9d3f";
    private static final TestDatabase DATABASE = TestDatabase.migrated();

    @TempDir
    Path directory;

    private static Map<String, String> environment(TestDatabase database) {
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("POSTGRES_PASSWORD", PASSWORD);
        env.put("PORT", "0");
        env.put("ADMIN_PORT", "0");
        return env;
    }

    private static Map<String, String> unreachable() throws Exception {
        Map<String, String> env = environment(DATABASE);
        try (ServerSocket socket = new ServerSocket(0)) {
            env.put("POSTGRES_PORT", Integer.toString(socket.getLocalPort()));
        }
        return env;
    }

    private static Map<String, String> productionMissingVariables() {
        Map<String, String> env = new HashMap<>();
        env.put("ENVIRONMENT", "production");
        env.put("POSTGRES_HOST", "db.example.com");
        env.put("POSTGRES_USER", "doadmin");
        env.put("POSTGRES_PASSWORD", PASSWORD);
        env.put("SUPABASE_URL", "https://abcd.supabase.co");
        env.put("SUPABASE_KEY", "anon-key-value-3f9a");
        env.put("SUPABASE_SERVICE_KEY", "service-key-value-8c2d");
        env.put("OPENAI_API_KEY", "openai-key-value-5b7e");
        env.put("ALLOWED_ORIGINS", "https://expert.intelia.com");
        env.put("SECRET_KEY", "secret-key-0123456789-abcdefghijklmnop");
        return env; // JWT_SECRET is missing
    }

    /** Runs the command, checks its short block, then runs it again with --verbose and returns both results. */
    private static List<CliRunner.Result> failsBriefly(Map<String, String> env, List<String> arguments,
                                                       String... expected) {
        CliRunner.Result brief = CliRunner.run(env, arguments.toArray(String[]::new));
        assertThat(brief.success()).as(brief.output()).isFalse();
        assertThat(brief.stderr().lines().count()).as(brief.stderr()).isBetween(1L, 4L);
        assertThat(brief.stderr()).contains(expected)
                .doesNotContain("Exception", "at com.", "at liquibase", "at org.", "Caused by", PASSWORD);
        assertThat(brief.stdout()).doesNotContain("Exception", "Caused by", PASSWORD);

        List<String> verboseArguments = new ArrayList<>(arguments);
        verboseArguments.add(arguments.get(0).equals("db") ? 2 : 1, "--verbose");
        CliRunner.Result verbose = CliRunner.run(env, verboseArguments.toArray(String[]::new));
        assertThat(verbose.success()).isFalse();
        assertThat(verbose.stderr()).contains(expected).contains("\tat ").doesNotContain(PASSWORD);
        return List.of(brief, verbose);
    }

    @Test
    void dbMigrateHaltedByAPreconditionPrintsOnlyItsMessage() {
        TestDatabase legacy = TestDatabase.empty();
        legacy.execute("CREATE TABLE conversations (id text PRIMARY KEY, question text)");

        List<CliRunner.Result> results = failsBriefly(environment(legacy), List.of("db", "migrate", "config.yml"),
                "db migrate: The migration stopped before changing anything:", "The conversations table lacks a core column or has an unexpected type",
                "run db migrate again");

        assertThat(results.get(0).stderr()).doesNotContain("Migration failed for changeset", "Preconditions Failed");
        assertThat(results.get(1).stderr()).contains("MigrationHaltedException");
        assertThat(legacy.value("SELECT to_regclass('databasechangelog')::text")).isNull();
    }

    @Test
    void dbMigrateThroughATransactionPoolerIsSentToTheDirectPort() {
        TestDatabase database = TestDatabase.empty();
        Map<String, String> env = new LinkedHashMap<>(environment(database));
        env.put("POSTGRES_POOL_MODE", "transaction");

        failsBriefly(env, List.of("db", "migrate", "config.yml"), "needs a session of its own", "port 25060");
        assertThat(database.value("SELECT to_regclass('databasechangelog')::text")).isNull();
    }

    @Test
    void dbStatusWithPostgresUnreachableNamesTheAddress() throws Exception {
        Map<String, String> env = unreachable();

        failsBriefly(env, List.of("db", "status", "config.yml"),
                "db status: PostgreSQL refused the connection at localhost:" + env.get("POSTGRES_PORT"),
                "Remedy: check POSTGRES_HOST and POSTGRES_PORT (without POSTGRES_HOST: EMBEDDED_POSTGRES_PORT");
    }

    @Test
    void debugLoggingShowsTheTraceWithoutVerbose() throws Exception {
        Map<String, String> env = unreachable();
        System.setProperty("dw.logging.level", "DEBUG");
        CliRunner.Result result;
        try {
            result = CliRunner.run(env, "db", "migrate", "config.yml");
        } finally {
            System.clearProperty("dw.logging.level");
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        }

        assertThat(result.success()).isFalse();
        assertThat(result.stderr()).contains("db migrate: PostgreSQL refused the connection", "\tat ");
    }

    @Test
    void dbStatusOnADatabaseThatDoesNotExistSaysWhich() {
        Map<String, String> env = environment(DATABASE);
        env.put("POSTGRES_DB", "no_such_database_17");

        failsBriefly(env, List.of("db", "status", "config.yml"),
                "database \"no_such_database_17\" does not exist", "check POSTGRES_DB");
    }

    @Test
    void dbMigrateAgainstAServerWithoutTlsSaysSo() {
        Map<String, String> env = environment(TestDatabase.empty());
        env.put("POSTGRES_SSLMODE", "require");

        failsBriefly(env, List.of("db", "migrate", "config.yml"),
                "TLS: the PostgreSQL server does not offer TLS", "POSTGRES_SSLMODE");
    }

    @Test
    void backupWithoutTheSelectPrivilegeGivesTheGrantToRun() {
        String role = "reader_" + UUID.randomUUID().toString().substring(0, 8);
        DATABASE.execute("CREATE ROLE " + role + " LOGIN");
        Map<String, String> env = environment(DATABASE);
        env.put("POSTGRES_USER", role);

        failsBriefly(env, List.of("backup", "config.yml", "--out", directory.resolve("b.backup").toString()),
                "backup: PostgreSQL user " + role + " lacks a privilege: permission denied for table",
                "as the database owner, run: GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLE ",
                " TO " + role + ";");
    }

    @Test
    void restoreOfAFileThatIsNotABackupChangesNothing() throws Exception {
        Path file = directory.resolve("notes.txt");
        Files.writeString(file, "shopping list\n", StandardCharsets.UTF_8);

        failsBriefly(environment(TestDatabase.migrated()), List.of("restore", "config.yml", file.toString()),
                "restore failed, nothing was changed: the backup file is not valid: not an intelia-expert backup",
                "use an intact backup file");
    }

    @Test
    void restoreIntoAnEmptyDatabaseSaysThatTheSchemaItCreatedStays() throws Exception {
        Path file = directory.resolve("notes.txt");
        Files.writeString(file, "shopping list\n", StandardCharsets.UTF_8);

        CliRunner.Result result = CliRunner.run(environment(TestDatabase.empty()), "restore", "config.yml", file.toString());

        assertThat(result.success()).isFalse();
        assertThat(result.stderr()).contains("the schema it created first (db migrate) stays, with no rows",
                "use an intact backup file").doesNotContain("nothing was changed", "\tat ");
    }

    @Test
    void restoreOfATruncatedCompressedBackupSaysItIsDamaged() throws Exception {
        Path file = directory.resolve("cut.backup.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(("# intelia-expert backup v2\n" + "@column conversations question text\n".repeat(20_000))
                    .getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));

        failsBriefly(environment(TestDatabase.migrated()), List.of("restore", "config.yml", file.toString()),
                "the backup file is damaged or incomplete", "use an intact backup file");
    }

    @Test
    void serverOnADatabaseThatWasNeverMigratedDoesNotStart() {
        TestDatabase legacy = TestDatabase.empty();
        legacy.execute("CREATE TABLE conversations (id uuid PRIMARY KEY, session_id uuid NOT NULL, user_id uuid NOT NULL,"
                + " question text NOT NULL, response text, created_at timestamptz, updated_at timestamptz)");

        failsBriefly(environment(legacy), List.of("server", "config.yml"),
                "have not been applied to this database", "then run: java -jar intelia-expert.jar db migrate");
    }

    @Test
    void restoreOfAMissingFileNamesIt() {
        Path file = directory.resolve("missing.backup.gz");

        List<CliRunner.Result> results = failsBriefly(environment(TestDatabase.empty()),
                List.of("restore", "config.yml", file.toString()), "no such file or directory: " + file,
                "check the path");

        assertThat(results).allSatisfy(result -> assertThat(result.output())
                .as("the server's background jobs do not run in restore").doesNotContain("RollupCompaction",
                        "GinPendingListFlush"));
    }

    @Test
    void restoreWithoutTheBackupFileNamesTheMissingArgument() {
        failsBriefly(environment(DATABASE), List.of("restore", "config.yml"),
                "restore: missing argument FILE (the backup file to restore)", "restore config.yml FILE");
    }

    @Test
    void doctorWithoutTheConfigurationFileNamesTheMissingArgument() {
        CliRunner.Result result = CliRunner.run(environment(DATABASE), "doctor");

        assertThat(result.success()).isFalse();
        assertThat(result.stderr()).contains("doctor: missing argument FILE (the configuration file, e.g. config.yml)",
                "Remedy: java -jar intelia-expert.jar doctor config.yml").doesNotContain("supabase.configured", "\tat ");
    }

    @Test
    void doctorWithAConfigurationFileThatDoesNotExistNamesIt() {
        failsBriefly(environment(DATABASE), List.of("doctor", "nowhere.yml"),
                "doctor: file nowhere.yml not found", "Remedy: check the path");
    }

    @Test
    void doctorWithFailingChecksEndsWithTheCountAndNoTrace() throws Exception {
        CliRunner.Result result = CliRunner.run(unreachable(), "doctor", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.stdout()).contains("FAIL  postgresql");
        assertThat(result.stderr()).containsPattern("doctor: \\d+ of \\d+ checks failed")
                .contains("Remedy: act on the FAIL lines above").doesNotContain("\tat ", "Exception", PASSWORD);
    }

    @Test
    void checkInProductionNamesTheMissingVariableInTheUsualMessage() {
        failsBriefly(productionMissingVariables(), List.of("check", "config.yml"),
                "the environment is not ready for ENVIRONMENT=production: 1 variable needs attention",
                "JWT_SECRET is missing");
    }

    @Test
    void serverWithPostgresUnreachableFailsWithTheSameBlock() throws Exception {
        Map<String, String> env = unreachable();

        failsBriefly(env, List.of("server", "config.yml"),
                "server: PostgreSQL refused the connection at localhost:" + env.get("POSTGRES_PORT"),
                "check POSTGRES_HOST and POSTGRES_PORT");
    }

    @Test
    void aMissingConfigurationFileArgumentIsNamedByDropwizardsCommandsToo() {
        for (List<String> arguments : List.of(List.of("check"), List.of("db", "status"), List.of("backup", "--out", "x"))) {
            CliRunner.Result result = CliRunner.run(Map.of(), arguments.toArray(String[]::new));

            assertThat(result.success()).isFalse();
            assertThat(result.stderr()).as(arguments.toString())
                    .contains("missing argument FILE (the configuration file, e.g. config.yml)")
                    .doesNotContain("supabase.configured", "\tat ");
        }
    }
}
