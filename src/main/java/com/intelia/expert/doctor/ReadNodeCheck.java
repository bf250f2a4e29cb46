package com.intelia.expert.doctor;

import com.intelia.expert.config.PostgresFactory;
import com.intelia.expert.postgres.PostgresServerFacts;
import com.intelia.expert.postgres.PostgresServerFacts.ConnectionLimit;
import com.intelia.expert.postgres.PostgresProbe;
import com.intelia.expert.postgres.ReplicaProbe;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * doctor's check of the read node (POSTGRES_READ_HOST): reachable, a standby ({@code pg_is_in_recovery()}), and its
 * replication lag in seconds, on a connection of its own. A read node that is down or not a standby is a WARN, not
 * a FAIL: the service then reads from the primary, as without one; so is one further behind than postgres.read.maxLag
 * (the service reads from the primary until it catches up), and one whose connection limit cannot hold every
 * instance's read pool and probe (reads that find no connection there go to the primary). Skipped when none is
 * configured.
 */
public final class ReadNodeCheck {

    static final String NAME = "read node";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** How long doctor waits for the read node to replay up to where the primary's WAL was when asked. */
    private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(2);

    private final Optional<PostgresFactory> node;
    private final Duration maxLag;
    private final int instances;
    private final ReplicaProbe.PrimaryPosition primary;

    /**
     * node: the read node, if any; maxLag: postgres.read.maxLag, past which the service does not read from it;
     * instances: how many instances of the service read from it, for its connection limit; primary: where the
     * primary's WAL is, for the lag (ReplicaProbe says how it is measured).
     */
    public ReadNodeCheck(Optional<PostgresFactory> node, Duration maxLag, int instances,
                         ReplicaProbe.PrimaryPosition primary) {
        this.node = node;
        this.maxLag = maxLag;
        this.instances = instances;
        this.primary = primary;
    }

    CheckResult check() {
        if (node.isEmpty()) {
            return CheckResult.skipped(NAME, "POSTGRES_READ_HOST is not set: every read uses the primary");
        }
        PostgresFactory readNode = node.get();
        String where = "read node at " + readNode.getHost() + ":" + readNode.getPort() + " (sslmode "
                + readNode.getSslMode() + ")";
        ReplicaProbe.Check check;
        try (ReplicaProbe probe = new ReplicaProbe(readNode::openConnection, TIMEOUT, primary, CATCH_UP_WAIT)) {
            check = probe.check();
        }
        if (!check.reachable()) {
            String remedy = check.error().startsWith(PostgresProbe.PASSWORD_REFUSED)
                    ? "set POSTGRES_READ_USER and POSTGRES_READ_PASSWORD to a user of the read-only node (a read-only"
                    + " node has the primary's users), or unset both to use the primary's"
                    : "check POSTGRES_READ_HOST and POSTGRES_READ_PORT (and the POSTGRES_READ_* that differ from the"
                    + " primary's), and that this host is a trusted source of the read-only node";
            return CheckResult.warn(NAME, where + ": " + check.error() + "; the service reads from the primary"
                    + " meanwhile", remedy);
        }
        if (!check.standby().inRecovery()) {
            return CheckResult.warn(NAME, where + " is not a replica (pg_is_in_recovery() is false): the service"
                    + " reads from the primary instead", "set POSTGRES_READ_HOST to the read-only node's host, not"
                    + " the primary's");
        }
        Double lag = check.standby().lagSeconds();
        String detail = where + " is a standby, answered in " + check.latencyMs() + " ms, replication lag "
                + (lag == null ? "unknown (nothing replayed since it started)" : lag + " s");
        if (check.standby().behindMoreThan(maxLag)) {
            return CheckResult.warn(NAME, detail + ", more than postgres.read.maxLag (" + maxLag.toSeconds()
                    + " s): the service reads from the primary until it catches up", "a read-only node that stays"
                    + " behind is short of CPU or disk for the primary's writes: see its metrics in the DigitalOcean"
                    + " control panel, or resize it");
        }
        if (!check.standby().streaming()) {
            return CheckResult.warn(NAME, detail + "; but no WAL receiver runs, so its data ages",
                    "check the read-only node's state in the DigitalOcean control panel");
        }
        return connections(readNode, detail);
    }

    /** The read pools ((postgres.read.maxPoolSize + 1 probe) x instances, + 1 for doctor) against the node's limit. */
    private CheckResult connections(PostgresFactory readNode, String detail) {
        ConnectionLimit limit;
        try (Connection connection = readNode.openConnection()) {
            limit = PostgresServerFacts.connectionLimit(connection);
        } catch (SQLException e) {
            return CheckResult.warn(NAME, detail + "; its connection limit could not be read (SQLSTATE "
                    + e.getSQLState() + ")", "run doctor again when the read node accepts connections");
        }
        String server = limit.usable() + " usable (max_connections " + limit.maxConnections() + " - "
                + limit.reserved() + " reserved)";
        if (readNode.isTransactionPooled()) {
            return CheckResult.ok(NAME, detail + "; reached through a transaction pooler (POSTGRES_READ_POOL_MODE"
                    + " transaction), whose own pool size must stay within the node's " + server);
        }
        int needed = PoolSizes.READ_NODE.count(readNode.getMaxPoolSize(), instances);
        String count = "(postgres.read.maxPoolSize " + readNode.getMaxPoolSize() + " + 1 probe) x " + instances
                + " instance(s) + 1 = " + needed + " connections of " + server;
        if (needed <= limit.usable()) {
            return CheckResult.ok(NAME, detail + "; " + count);
        }
        int fitting = PoolSizes.READ_NODE.largestFitting(limit.usable(), instances);
        return CheckResult.warn(NAME, detail + "; but " + count + ": reads that find no connection there go to the"
                + " primary", fitting >= 1 ? "lower postgres.read.maxPoolSize to " + fitting + ", the most that fits ("
                + PoolSizes.READ_NODE.count(fitting, instances) + " of " + limit.usable() + "), in config.yml, or"
                + " give the read-only node a larger plan" : "give the read-only node a larger plan");
    }
}
