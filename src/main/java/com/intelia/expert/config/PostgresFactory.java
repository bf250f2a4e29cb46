package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.intelia.expert.postgres.ConnectionTimeouts;
import com.intelia.expert.postgres.EmbeddedPostgresServer;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.Driver;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL connection of the production guide (POSTGRES_* variables). Values are kept as the
 * strings the environment gave, so that a malformed one is reported by name instead of failing parsing.
 * With no host outside production it points at the embedded PostgreSQL instead.
 */
public class PostgresFactory {

    @JsonProperty private String host;
    @JsonProperty private String port = "25060";
    @JsonProperty private String database = "defaultdb";
    @JsonProperty private String user;
    @JsonProperty private String password;
    @JsonProperty private String sslMode = "require";
    /** session (default) or transaction: how a pooler in front of PostgreSQL shares server connections. */
    @JsonProperty private String poolMode = "session";
    /** The cluster's CA certificate for verify-ca/verify-full: PEM text, or the path of a PEM file. */
    @JsonProperty private String caCert;
    /** How many instances of the service share the server, for the doctor's pool sizing check. */
    @JsonProperty private String instanceCount = "1";

    @JsonProperty @Min(1) @Max(200) private int maxPoolSize = 16;
    /** TCP connection to PostgreSQL, for the service and the commands. */
    @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) private Duration connectTimeout =
            Duration.seconds(2);
    @JsonProperty @NotNull private Duration healthTimeout = Duration.seconds(1);

    // How long the running service waits on PostgreSQL for an API request before answering 503 (README, "When
    // PostgreSQL is slow or away"). Commands and admin tasks have no statement or read timeout.
    /** A free connection from the pool. */
    @JsonProperty @NotNull private Duration poolWait = Duration.seconds(1);
    /** A new connection of the service's pool, from TCP to logged in (TLS, authentication); whole seconds. */
    @JsonProperty @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS) private Duration loginTimeout =
            Duration.seconds(1);
    /**
     * An API statement still running this long is cancelled (SQLSTATE 57014). pgjdbc waits up to 1 s for the cancel
     * to be delivered, so statementTimeout + 1 s should not exceed readTimeout.
     */
    @JsonProperty @NotNull @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS) private Duration statementTimeout =
            Duration.seconds(1);
    /** PostgreSQL silent this long during an API request (stopped, frozen, network lost): the connection is dropped. */
    @JsonProperty @NotNull @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS) private Duration readTimeout =
            Duration.seconds(2);

    @JsonProperty @Valid @NotNull private EmbeddedPostgresFactory embedded = new EmbeddedPostgresFactory();
    /** The optional read-only node for the statistics and questions reads (POSTGRES_READ_*). */
    @JsonProperty @Valid @NotNull private ReadReplicaFactory read = new ReadReplicaFactory();

    /** application_name of the service's connections in pg_stat_activity; "intelia-expert reads" on the read node. */
    private String applicationName = "intelia-expert";
    /** True for the read node: read-only connections, and a pool that opens none at start (it may be down). */
    private boolean readNode;

    private DataSourceFactory built;
    private DataSourceFactory builtForServer;

    public boolean isTransactionPooled() {
        return "transaction".equals(poolMode == null ? "" : poolMode.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * A connection of its own, outside the pool, with the configured URL and properties and no
     * server-side prepared statements, for checks that need to control which connection they use.
     */
    public Connection openConnection() throws SQLException {
        return open(new Properties());
    }

    /**
     * The health probe's connection (postgres/PostgresProbe#dedicated): one per instance besides the pool, opened within
     * loginTimeout, so that a pool busy with slow requests never makes health wait for a connection.
     */
    public Connection openHealthConnection() throws SQLException {
        Properties extra = new Properties();
        extra.put("loginTimeout", Long.toString(Math.max(1, loginTimeout.toSeconds())));
        extra.put("ApplicationName", applicationName + " health");
        return open(extra);
    }

    private Connection open(Properties extra) throws SQLException {
        DataSourceFactory f = dataSourceFactory();
        Properties properties = new Properties();
        properties.putAll(f.getProperties());
        properties.put("prepareThreshold", "0");
        if (f.getUser() != null) {
            properties.put("user", f.getUser());
        }
        if (f.getPassword() != null) {
            properties.put("password", f.getPassword());
        }
        properties.putAll(extra);
        return new Driver().connect(f.getUrl(), properties);
    }

    public boolean isEmbedded() {
        return host == null || host.isBlank();
    }

    /**
     * The read node (postgres.read) as a connection of its own: its host; its port, database, user, password and
     * sslmode where given, else the primary's (the embedded server's in development); the primary's CA certificate,
     * timeouts (the same statement timeout for API reads) and health timeout; its pool mode where given, else the
     * primary's (POSTGRES_READ_PORT defaults to the primary's port, the pooler's when the primary is reached through
     * one); read-only connections named "intelia-expert reads". Empty when POSTGRES_READ_HOST is not set.
     */
    public Optional<PostgresFactory> readReplica() {
        if (!read.isConfigured()) {
            return Optional.empty();
        }
        PostgresFactory replica = new PostgresFactory();
        replica.host = read.getHost().trim();
        replica.port = orElse(read.getPort(), isEmbedded() ? Integer.toString(embedded.getPort()) : port);
        replica.database = orElse(read.getDatabase(), isEmbedded() ? EmbeddedPostgresServer.DATABASE : database);
        replica.user = orElse(read.getUser(), isEmbedded() ? EmbeddedPostgresServer.USER : user);
        replica.password = orElse(read.getPassword(), isEmbedded() ? "" : password);
        replica.sslMode = orElse(read.getSslMode(), isEmbedded() ? "disable" : sslMode);
        replica.poolMode = orElse(read.getPoolMode(), isEmbedded() ? "session" : poolMode);
        replica.caCert = caCert;
        replica.instanceCount = instanceCount;
        replica.maxPoolSize = read.getMaxPoolSize();
        replica.connectTimeout = connectTimeout;
        replica.healthTimeout = healthTimeout;
        replica.poolWait = poolWait;
        replica.loginTimeout = loginTimeout;
        replica.statementTimeout = statementTimeout;
        replica.readTimeout = readTimeout;
        replica.applicationName = "intelia-expert reads";
        replica.readNode = true;
        return Optional.of(replica);
    }

    /**
     * The statistics and questions reads: on the read node with the primary behind it (see
     * {@link ReadReplicaFactory#build}), or, without POSTGRES_READ_HOST, on primaryRequests (the API's Jdbi).
     */
    public ReadReplicaFactory.Reads buildReads(Jdbi primaryRequests, Environment environment, Clock clock) {
        return read.build(readReplica(), primaryRequests, environment, clock);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /**
     * The data source for the service and the db commands. In embedded mode this starts the embedded
     * PostgreSQL first (once per process).
     */
    public synchronized DataSourceFactory dataSourceFactory() {
        if (built == null) {
            built = isEmbedded() ? forEmbedded(embedded.start()) : forExternal();
        }
        return built;
    }

    /**
     * The running service's pool: connections are opened within loginTimeout, a caller waits at most poolWait for
     * one, and a borrowed connection is checked with pgjdbc's isValid (bounded by a network timeout of 1 s even when
     * PostgreSQL is frozen, unlike a validation query, whose timeout relies on PostgreSQL cancelling it). So taking
     * a connection from a dead or frozen server fails within about 2 s. Read and statement timeouts are set per
     * borrower ({@link #forRequests}, {@link #forMaintenance}).
     */
    public synchronized DataSourceFactory serverDataSourceFactory() {
        if (builtForServer == null) {
            DataSourceFactory f = isEmbedded() ? forEmbedded(embedded.start()) : forExternal();
            f.getProperties().put("loginTimeout", Long.toString(Math.max(1, loginTimeout.toSeconds())));
            f.getProperties().put("cancelSignalTimeout", "1");
            f.setMaxWaitForConnection(poolWait);
            f.setValidationQuery(null);
            // no "/* Dao.method */" before each SqlObject statement (db/Jdbis): dropwizard-jdbi3's comment engine
            // bypasses jdbi's template cache, ~20 us of parsing per statement, and /metrics names them already
            f.setAutoCommentsEnabled(false);
            if (readNode) {
                // a read node that is down must not stop the service from starting: reads then use the primary
                f.setInitialSize(0);
                f.setMinSize(0);
                f.setReadOnlyByDefault(true);
            }
            builtForServer = f;
        }
        return builtForServer;
    }

    /** The pool as API requests use it: a silent server is given up after readTimeout. */
    public ManagedDataSource forRequests(DataSource pool) {
        return ConnectionTimeouts.forRequests(pool, java.time.Duration.ofMillis(readTimeout.toMilliseconds()));
    }

    /** The pool as admin tasks and maintenance use it: checked alive when taken, then no read timeout. */
    public ManagedDataSource forMaintenance(DataSource pool) {
        return ConnectionTimeouts.forMaintenance(pool, java.time.Duration.ofSeconds(1));
    }

    public java.time.Duration statementTimeout() {
        return java.time.Duration.ofMillis(statementTimeout.toMilliseconds());
    }

    private DataSourceFactory forExternal() {
        DataSourceFactory f = base();
        f.setUrl("jdbc:postgresql://" + host.trim() + ":" + port.trim() + "/" + database.trim());
        f.setUser(user);
        f.setPassword(password);
        f.getProperties().put("sslmode", sslMode.trim());
        if (caCert != null && !caCert.isBlank()) {
            f.getProperties().put("sslrootcert", CaCertificate.path(caCert).toString());
        }
        if (isTransactionPooled()) {
            // a transaction pooler hands each transaction any server connection: nothing may outlive it,
            // and server-side prepared statements (named, per session) would be missing or collide
            f.getProperties().put("prepareThreshold", "0");
        }
        return f;
    }

    private DataSourceFactory forEmbedded(EmbeddedPostgresServer server) {
        DataSourceFactory f = base();
        f.setUrl(server.jdbcUrl());
        f.setUser(EmbeddedPostgresServer.USER);
        f.setPassword("");
        f.getProperties().put("sslmode", "disable");
        return f;
    }

    private DataSourceFactory base() {
        DataSourceFactory f = new DataSourceFactory();
        f.setDriverClass("org.postgresql.Driver");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("ApplicationName", applicationName);
        properties.put("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        properties.put("tcpKeepAlive", "true");
        // PostgreSQL's error details quote the refused row and key values (users' text); keep them out of messages
        properties.put("logServerErrorDetail", "false");
        f.setProperties(properties);
        f.setMinSize(1);
        f.setInitialSize(1);
        f.setMaxSize(maxPoolSize);
        f.setMaxWaitForConnection(Duration.seconds(2));
        f.setAutoCommitByDefault(true);
        f.setRollbackOnReturn(true);
        f.setCheckConnectionOnBorrow(true);
        f.setValidationQuery("/* pool check */ SELECT 1");
        f.setValidationQueryTimeout(Duration.seconds(1));
        f.setValidationInterval(Duration.seconds(1));
        return f;
    }

    public String getHost() { return host; }
    public String getPort() { return port; }
    public String getDatabase() { return database; }
    public String getUser() { return user; }
    public String getPassword() { return password; }
    public String getSslMode() { return sslMode; }
    public String getPoolMode() { return poolMode; }
    public String getCaCert() { return caCert; }
    public String getInstanceCount() { return instanceCount; }
    public int getMaxPoolSize() { return maxPoolSize; }
    public Duration getHealthTimeout() { return healthTimeout; }
    public EmbeddedPostgresFactory getEmbedded() { return embedded; }
    public ReadReplicaFactory getRead() { return read; }

    public void setHost(String host) { this.host = host; }
    public void setPort(String port) { this.port = port; }
    public void setDatabase(String database) { this.database = database; }
    public void setUser(String user) { this.user = user; }
    public void setPassword(String password) { this.password = password; }
    public void setSslMode(String sslMode) { this.sslMode = sslMode; }
    public void setPoolMode(String poolMode) { this.poolMode = poolMode; }
    public void setCaCert(String caCert) { this.caCert = caCert; }
}
