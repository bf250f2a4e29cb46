package com.intelia.expert.doctor;

import com.intelia.expert.config.PostgresFactory;
import com.intelia.expert.postgres.PostgresServerFacts;
import com.intelia.expert.postgres.PostgresServerFacts.ConnectionLimit;
import com.intelia.expert.postgres.PostgresServerFacts.CreatePrivilege;
import com.intelia.expert.postgres.PostgresServerFacts.LiquibaseLock;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * doctor's checks of how the service meets a managed PostgreSQL such as DigitalOcean's: the connection
 * pooler and POSTGRES_POOL_MODE, pool sizes against the server's connection limit, a stale migration lock,
 * and the CREATE privilege that PostgreSQL 15+ no longer grants on schema public. Each only reads.
 */
public class PostgresServerChecks {

    static final String POOLER = "connection pooler";
    static final String LIMIT = "connection limit";
    static final String LOCK = "migration lock";
    static final String PRIVILEGE = "schema privileges";
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    private final PostgresFactory postgres;
    private final int instances;

    public PostgresServerChecks(PostgresFactory postgres, int instances) {
        this.postgres = postgres;
        this.instances = instances;
    }

    /** Whether a pooler shares server connections between clients; null when that could not be found out. */
    Boolean sharedServerConnections() {
        try {
            return PostgresServerFacts.serverConnectionsShared(postgres::openConnection);
        } catch (SQLException e) {
            return null;
        }
    }

    CheckResult pooler(Boolean shared) {
        boolean transactionMode = postgres.isTransactionPooled();
        String mode = "POSTGRES_POOL_MODE=" + (transactionMode ? "transaction" : "session");
        if (shared == null) {
            return CheckResult.fail(POOLER, "could not be checked (two connections of its own were refused)",
                    "check that the database allows two more connections");
        }
        if (shared && transactionMode) {
            return CheckResult.ok(POOLER, "server connections are shared between clients (transaction pooler); "
                    + mode + " is right");
        }
        if (shared) {
            return CheckResult.fail(POOLER, "server connections are shared between clients (a transaction pooler, such"
                    + " as DigitalOcean's on port 25061) but " + mode + ": prepared statements will fail under load",
                    "set POSTGRES_POOL_MODE=transaction, or connect to the direct port (25060 on DigitalOcean)");
        }
        if (transactionMode) {
            return CheckResult.warn(POOLER, "each client has a server session of its own (direct connection or session"
                    + " pooler); " + mode + " works but gives up server-side prepared statements",
                    "set POSTGRES_POOL_MODE=session unless this is a transaction pooler");
        }
        return CheckResult.ok(POOLER, "each client has a server session of its own (direct connection or session"
                + " pooler); " + mode + " is right");
    }

    CheckResult connectionLimit(Boolean shared) {
        int poolSize = postgres.getMaxPoolSize();
        String clients = "POSTGRES_POOL_SIZE " + poolSize + " x " + instances + " instance(s)";
        ConnectionLimit limit;
        try (Connection connection = postgres.openConnection()) {
            limit = PostgresServerFacts.connectionLimit(connection);
        } catch (SQLException e) {
            return CheckResult.fail(LIMIT, "could not be read (SQLSTATE " + e.getSQLState() + ")",
                    "run doctor again when the database accepts connections");
        }
        String server = limit.usable() + " usable (max_connections " + limit.maxConnections() + " - "
                + limit.reserved() + " reserved)";
        if (Boolean.TRUE.equals(shared)) {
            return CheckResult.ok(LIMIT, clients + " connect to the transaction pooler; the server's limit applies to"
                    + " the pooler's own pool size instead (DigitalOcean: the pool's Size), which must stay within "
                    + server);
        }
        // each instance also holds its health probe's own connection, outside the pool (postgres/PostgresProbe)
        int needed = PoolSizes.PRIMARY.count(poolSize, instances);
        if (needed <= limit.usable()) {
            return CheckResult.ok(LIMIT, clients + " + 1 health connection per instance + 2 (db migrate) = "
                    + needed + " of " + server);
        }
        int fitting = PoolSizes.PRIMARY.largestFitting(limit.usable(), instances);
        String lower = fitting >= 1 ? "lower POSTGRES_POOL_SIZE to " + fitting + ", the most that fits ("
                + PoolSizes.PRIMARY.count(fitting, instances) + " of " + limit.usable() + "), or " : "";
        return CheckResult.fail(LIMIT, clients + " + 1 health connection per instance + 2 (db migrate) = "
                + needed + " connections, but the server"
                + " allows " + server, lower + "connect through the connection pooler (port 25061 on DigitalOcean,"
                + " POSTGRES_POOL_MODE=transaction)");
    }

    CheckResult migrationLock() {
        Optional<LiquibaseLock> lock;
        try (Connection connection = postgres.openConnection()) {
            lock = PostgresServerFacts.liquibaseLock(connection);
        } catch (SQLException e) {
            return CheckResult.fail(LOCK, "could not be read (SQLSTATE " + e.getSQLState() + ")",
                    "grant this user SELECT on databasechangeloglock");
        }
        if (lock.isEmpty()) {
            return CheckResult.ok(LOCK, "no migration holds Liquibase's lock");
        }
        return CheckResult.fail(LOCK, "Liquibase's lock is held by " + lock.get().lockedBy() + " since "
                + lock.get().granted() + "; db migrate waits for it, and a killed one never releases it",
                "when no db migrate is running, release it: java -jar target/intelia-expert.jar db locks"
                        + " --force-release config.yml");
    }

    CheckResult createPrivilege(boolean migrationsPending) {
        CreatePrivilege privilege;
        try (Connection connection = postgres.openConnection()) {
            privilege = PostgresServerFacts.createPrivilege(connection);
        } catch (SQLException e) {
            return CheckResult.fail(PRIVILEGE, "could not be read (SQLSTATE " + e.getSQLState() + ")",
                    "run doctor again when the database accepts connections");
        }
        if (privilege.granted()) {
            return CheckResult.ok(PRIVILEGE, privilege.user() + " may create tables in schema " + privilege.schema()
                    + ", as db migrate needs");
        }
        String schema = privilege.schema() == null ? "public" : privilege.schema();
        String detail = privilege.user() + " may not create tables in schema " + schema + " (PostgreSQL 15 and later"
                + " no longer grant it to every user): db migrate fails with \"permission denied for schema " + schema
                + "\" (SQLSTATE 42501)";
        String remedy = "as the schema's owner (doadmin on DigitalOcean) run: GRANT CREATE, USAGE ON SCHEMA "
                + identifier(schema) + " TO " + identifier(privilege.user()) + ";";
        return migrationsPending ? CheckResult.fail(PRIVILEGE, detail, remedy)
                : CheckResult.warn(PRIVILEGE, detail + "; nothing is pending now", remedy);
    }

    private static String identifier(String name) {
        return PLAIN_IDENTIFIER.matcher(name).matches() ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
