package com.intelia.expert.doctor;

import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestDatabase;
import com.intelia.expert.support.TestPgBouncer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * doctor tells a transaction pooler (a real PgBouncer, as DigitalOcean's on port 25061) from a direct
 * connection, and whether POSTGRES_POOL_MODE matches what it found.
 */
class DoctorPoolerTest {

    private static TestPgBouncer pgBouncer;
    private static TestDatabase database;

    @BeforeAll
    static void start() {
        pgBouncer = TestPgBouncer.startOrSkip();
        database = TestDatabase.migrated();
    }

    @AfterAll
    static void stop() {
        if (pgBouncer != null) {
            pgBouncer.close();
        }
    }

    private static Map<String, String> environment(boolean throughPgBouncer, String poolMode) {
        Map<String, String> env = new HashMap<>(database.environment());
        if (throughPgBouncer) {
            env.put("POSTGRES_HOST", "127.0.0.1");
            env.put("POSTGRES_PORT", Integer.toString(pgBouncer.port()));
        }
        env.put("POSTGRES_POOL_MODE", poolMode);
        return env;
    }

    @Test
    void transactionModeThroughTheTransactionPoolerIsRight() {
        CliRunner.Result result = CliRunner.run(environment(true, "transaction"), "doctor", "config.yml");

        assertThat(result.stdout()).as(result.output())
                .contains("ok    connection pooler: server connections are shared between clients (transaction pooler);"
                        + " POSTGRES_POOL_MODE=transaction is right")
                .contains("ok    connection limit: POSTGRES_POOL_SIZE 16 x 1 instance(s) connect to the transaction pooler")
                .contains("ok    migrations", "ok    migration lock");
    }

    @Test
    void sessionModeThroughTheTransactionPoolerFails() {
        CliRunner.Result result = CliRunner.run(environment(true, "session"), "doctor", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.stdout()).as(result.output())
                .contains("FAIL  connection pooler: server connections are shared between clients", "but"
                        + " POSTGRES_POOL_MODE=session", "Remedy: set POSTGRES_POOL_MODE=transaction");
    }

    @Test
    void aDirectConnectionNeedsNoTransactionMode() {
        CliRunner.Result session = CliRunner.run(environment(false, "session"), "doctor", "config.yml");
        CliRunner.Result transaction = CliRunner.run(environment(false, "transaction"), "doctor", "config.yml");

        assertThat(session.stdout()).as(session.output()).contains("ok    connection pooler: each client has a server"
                + " session of its own (direct connection or session pooler); POSTGRES_POOL_MODE=session is right");
        assertThat(transaction.stdout()).as(transaction.output()).contains("WARN  connection pooler: each client has a"
                + " server session of its own", "POSTGRES_POOL_MODE=transaction works but gives up server-side"
                + " prepared statements");
    }
}
