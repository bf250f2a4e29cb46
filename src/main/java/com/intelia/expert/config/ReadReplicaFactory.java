package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.db.Jdbis;
import com.intelia.expert.db.ReadDatabase;
import com.intelia.expert.postgres.ReplicaFacts;
import com.intelia.expert.postgres.ReplicaProbe;
import com.intelia.expert.db.ReplicaReads;
import com.intelia.expert.health.ReplicaMonitor;
import com.intelia.expert.metrics.ReadNodeMetrics;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code postgres.read} in config.yml: an optional read-only PostgreSQL (a streaming standby such as DigitalOcean's
 * read-only node, POSTGRES_READ_* variables) for the statistics and questions reads. No host: every read goes to the
 * primary. Values are kept as the strings the environment gave (reported by name when malformed, see
 * ConfigurationProblems); a blank port, database, user, password, sslmode or pool mode is the primary's. The primary's CA
 * certificate, timeouts and statement timeout apply to it too ({@link PostgresFactory#readReplica()}).
 */
public class ReadReplicaFactory {

    /** POSTGRES_READ_HOST: a bare host name; blank turns the read node off. */
    @JsonProperty private String host;
    /** POSTGRES_READ_PORT, 1-65535; blank: POSTGRES_PORT. */
    @JsonProperty private String port;
    /** POSTGRES_READ_DB; blank: POSTGRES_DB. */
    @JsonProperty private String database;
    /** POSTGRES_READ_USER and POSTGRES_READ_PASSWORD; blank: the primary's credentials. */
    @JsonProperty private String user;
    @JsonProperty private String password;
    /** POSTGRES_READ_SSLMODE; blank: POSTGRES_SSLMODE. */
    @JsonProperty private String sslMode;
    /**
     * POSTGRES_READ_POOL_MODE, session or transaction (a transaction pooler in front of the read node: no server-side
     * prepared statements, as for the primary); blank: POSTGRES_POOL_MODE, as the port is POSTGRES_PORT's.
     */
    @JsonProperty private String poolMode;
    /** Connections of the read pool per instance, besides one for its background probe. */
    @JsonProperty @Min(1) @Max(200) private int maxPoolSize = 8;
    /**
     * How often the read node is probed in the background (reachable, still a standby, replication lag). While a probe
     * says it is down, reads go to the primary; the first probe that finds it back sends them to it again.
     */
    @JsonProperty @NotNull @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS) private Duration probeInterval =
            Duration.seconds(5);
    /**
     * The most replication lag a read may see: a probe that finds the read node further behind (its replay more than
     * this many seconds behind the primary, or no WAL received for that long) sends the reads to the primary until a
     * probe finds it caught up, so that the dashboard is never older than this plus one probe interval.
     */
    @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) private Duration maxLag =
            Duration.seconds(30);

    /** Where the statistics and questions reads go, and the read node's health (empty without a read node). */
    public record Reads(ReadDatabase database, Optional<ReplicaMonitor> monitor) {

        /** The read node's last probe for the health report, when there is a read node. */
        public Optional<Supplier<DatabaseStatus>> health() {
            return monitor.map(node -> node::current);
        }
    }

    public boolean isConfigured() {
        return host != null && !host.isBlank();
    }

    /**
     * Without a read node every read goes to primaryRequests. With one (node: {@link PostgresFactory#readReplica()}):
     * its pool of read-only connections ("postgresql_read" in the metrics; none opened at start, so a read node that
     * is down does not stop the service), its API timeouts as the primary's, its statements timed under the same
     * names as the primary's (db/Jdbis), its background probe (which reads the primary's WAL position through
     * primaryRequests for the lag, waiting half an interval at most for the node to reach it), and the reads routed to it with the primary behind it,
     * its gauges (metrics/ReadNodeMetrics); all started and stopped by Dropwizard.
     */
    Reads build(Optional<PostgresFactory> node, Jdbi primaryRequests, Environment environment, Clock clock) {
        if (node.isEmpty()) {
            return new Reads(ReadDatabase.of(primaryRequests), Optional.empty());
        }
        PostgresFactory replica = node.get();
        ManagedDataSource pool = replica.serverDataSourceFactory().build(environment.metrics(), "postgresql_read");
        environment.lifecycle().manage(pool);
        java.time.Duration interval = java.time.Duration.ofMillis(probeInterval.toMilliseconds());
        ReplicaMonitor monitor = new ReplicaMonitor(new ReplicaProbe(replica::openHealthConnection,
                java.time.Duration.ofMillis(replica.getHealthTimeout().toMilliseconds()),
                () -> primaryRequests.withHandle(handle -> handle.createQuery(ReplicaFacts.PRIMARY_POSITION)
                        .mapTo(Long.class).one()),
                interval.dividedBy(2)),
                interval, java.time.Duration.ofMillis(maxLag.toMilliseconds()), clock);
        environment.lifecycle().manage(monitor);
        Jdbi replicaRequests = Jdbis.forRequests(environment, replica.serverDataSourceFactory(),
                replica.forRequests(pool), replica.statementTimeout(), "postgresql_read-requests");
        ReplicaReads reads = new ReplicaReads(replicaRequests, primaryRequests, monitor);
        ReadNodeMetrics.register(environment.metrics(), monitor, reads);
        return new Reads(reads, Optional.of(monitor));
    }

    public String getHost() { return host; }
    public String getPort() { return port; }
    public String getDatabase() { return database; }
    public String getUser() { return user; }
    public String getPassword() { return password; }
    public String getSslMode() { return sslMode; }
    public String getPoolMode() { return poolMode; }
    public int getMaxPoolSize() { return maxPoolSize; }
    public Duration getProbeInterval() { return probeInterval; }
    public Duration getMaxLag() { return maxLag; }
}
