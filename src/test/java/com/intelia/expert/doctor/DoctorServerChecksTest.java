package com.intelia.expert.doctor;

import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * doctor's checks of the PostgreSQL server on real databases: it changes nothing, finds a stale migration
 * lock (which db locks --force-release then clears), a pool too large for the server, and a user that may
 * not create tables in schema public.
 */
class DoctorServerChecksTest {

    private static final String TABLES = "SELECT string_agg(table_schema || '.' || table_name, ',' ORDER BY 1)"
            + " FROM information_schema.tables";

    private static int usableConnections(TestDatabase database) {
        return ((Number) database.value("SELECT current_setting('max_connections')::int"
                + " - current_setting('superuser_reserved_connections')::int"
                + " - coalesce(current_setting('reserved_connections', true), '0')::int")).intValue();
    }

    @Test
    void doctorLeavesAnEmptyDatabaseAsItFoundIt() {
        TestDatabase empty = TestDatabase.empty();
        Object before = empty.value(TABLES);

        CliRunner.Result result = CliRunner.run(empty.environment(), "doctor", "config.yml");

        assertThat(result.stdout()).containsPattern("FAIL  migrations: \\d+ pending migration")
                .contains("ok    migration lock: no migration holds Liquibase's lock");
        assertThat(empty.value(TABLES)).isEqualTo(before);
        assertThat(empty.value("SELECT to_regclass('databasechangeloglock')::text")).isNull();
    }

    @Test
    void aStaleMigrationLockFailsWithWhoAndWhenUntilDbLocksReleasesIt() {
        TestDatabase database = TestDatabase.migrated();
        database.execute("UPDATE databasechangeloglock SET locked = true, lockedby = 'deploy-7f3c (10.0.0.5)',"
                + " lockgranted = '2026-11-28 03:14:15' WHERE id = 1");

        CliRunner.Result locked = CliRunner.run(database.environment(), "doctor", "config.yml");
        CliRunner.Result release = CliRunner.run(database.environment(), "db", "locks", "--force-release", "config.yml");
        CliRunner.Result released = CliRunner.run(database.environment(), "doctor", "config.yml");

        assertThat(locked.stdout()).contains("FAIL  migration lock: Liquibase's lock is held by deploy-7f3c (10.0.0.5)"
                + " since 2026-11-28 03:14:15", "Remedy: when no db migrate is running, release it: java -jar"
                + " target/intelia-expert.jar db locks --force-release config.yml");
        assertThat(release.success()).as(release.output()).isTrue();
        assertThat(database.value("SELECT locked FROM databasechangeloglock WHERE id = 1")).isEqualTo(false);
        assertThat(released.stdout()).contains("ok    migration lock: no migration holds Liquibase's lock");
    }

    @Test
    void aPoolTooLargeForTheServerFailsWithTheSizeThatFits() {
        TestDatabase database = TestDatabase.migrated();
        int usable = usableConnections(database);
        int poolSize = 100;
        int instances = usable / poolSize + 1;
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("POSTGRES_POOL_SIZE", Integer.toString(poolSize));
        env.put("INSTANCE_COUNT", Integer.toString(instances));

        int fitting = (usable - 2) / instances - 1;
        CliRunner.Result tooMany = CliRunner.run(env, "doctor", "config.yml");
        CliRunner.Result one = CliRunner.run(env, "doctor", "config.yml", "--instances", "1");

        assertThat(tooMany.stdout()).contains("FAIL  connection limit: POSTGRES_POOL_SIZE 100 x " + instances
                + " instance(s) + 1 health connection per instance + 2 (db migrate) = "
                + ((poolSize + 1) * instances + 2) + " connections, but the server allows " + usable + " usable",
                "Remedy: lower POSTGRES_POOL_SIZE to " + fitting + ", the most that fits (" + ((fitting + 1) * instances
                + 2) + " of " + usable + "), or connect through the connection pooler");
        assertThat((fitting + 2) * instances + 2).as("one more would not fit").isGreaterThan(usable);
        assertThat(one.stdout()).contains("ok    connection limit: POSTGRES_POOL_SIZE 100 x 1 instance(s) + 1 health"
                + " connection per instance + 2 (db migrate) = 103 of " + usable + " usable");
    }

    @Test
    void aUserWithoutCreateOnSchemaPublicIsToldTheGrant() {
        TestDatabase empty = TestDatabase.empty();
        String role = "reader_" + UUID.randomUUID().toString().substring(0, 8);
        empty.execute("CREATE ROLE " + role + " LOGIN");
        Map<String, String> env = new HashMap<>(empty.environment());
        env.put("POSTGRES_USER", role);

        CliRunner.Result refused = CliRunner.run(env, "doctor", "config.yml");
        empty.execute("GRANT CREATE, USAGE ON SCHEMA public TO " + role);
        CliRunner.Result granted = CliRunner.run(env, "doctor", "config.yml");

        assertThat(refused.stdout()).contains("FAIL  schema privileges: " + role + " may not create tables in schema"
                + " public", "permission denied for schema public", "Remedy: as the schema's owner (doadmin on"
                + " DigitalOcean) run: GRANT CREATE, USAGE ON SCHEMA public TO " + role + ";");
        assertThat(granted.stdout()).contains("ok    schema privileges: " + role + " may create tables in schema public");
        assertThat(List.of(refused.stdout(), granted.stdout())).noneMatch(out -> out.contains("unused"));
    }
}
