package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.intelia.expert.db.EmbeddedPostgresServer;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

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
    @JsonProperty @NotNull private Duration connectTimeout = Duration.seconds(2);
    @JsonProperty @NotNull private Duration healthTimeout = Duration.seconds(1);

    @JsonProperty @Valid @NotNull private EmbeddedPostgresFactory embedded = new EmbeddedPostgresFactory();

    private DataSourceFactory built;

    public boolean isTransactionPooled() {
        return "transaction".equals(poolMode == null ? "" : poolMode.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * A connection of its own, outside the pool, with the configured URL and properties and no
     * server-side prepared statements, for checks that need to control which connection they use.
     */
    public Connection openConnection() throws SQLException {
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
        return new Driver().connect(f.getUrl(), properties);
    }

    public boolean isEmbedded() {
        return host == null || host.isBlank();
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
        properties.put("ApplicationName", "intelia-expert");
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

    public void setHost(String host) { this.host = host; }
    public void setPort(String port) { this.port = port; }
    public void setDatabase(String database) { this.database = database; }
    public void setUser(String user) { this.user = user; }
    public void setPassword(String password) { this.password = password; }
    public void setSslMode(String sslMode) { this.sslMode = sslMode; }
    public void setPoolMode(String poolMode) { this.poolMode = poolMode; }
    public void setCaCert(String caCert) { this.caCert = caCert; }
}
