package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** config.yml, one field per section; every value comes from the environment variables of the guide. */
@ReadyForEnvironment
public class ExpertConfiguration extends Configuration {

    @JsonProperty("environment") private String environmentName = "development";
    @JsonProperty @Valid @NotNull private PostgresFactory postgres = new PostgresFactory();
    @JsonProperty @Valid @NotNull private SupabaseFactory supabase = new SupabaseFactory();
    @JsonProperty @Valid @NotNull private OpenAiFactory openai = new OpenAiFactory();
    @JsonProperty @Valid @NotNull private StatsFactory stats = new StatsFactory();
    @JsonProperty @Valid @NotNull private LimitsFactory limits = new LimitsFactory();
    @JsonProperty @Valid @NotNull private InvitationsFactory invitations = new InvitationsFactory();
    @JsonProperty @Valid @NotNull private LanguagesFactory languages = new LanguagesFactory();
    @JsonProperty @Valid @NotNull private AuthFactory auth = new AuthFactory();
    @JsonProperty @Valid @NotNull private WarmUpFactory warmUp = new WarmUpFactory();
    @JsonProperty private String adminToken;
    @JsonProperty private String allowedOrigins;
    @JsonProperty private String secretKey;
    @JsonProperty private String jwtSecret;
    /** LOG_FORMAT: text or json (config/LogFormat). */
    @JsonProperty private String logFormat = "text";
    private boolean logFormatApplied;

    /**
     * The logging configuration with LOG_FORMAT's layouts applied, to the request log too: Dropwizard asks for it
     * before anything logs and before the server (and its request log) is built.
     */
    @Override
    public synchronized io.dropwizard.logging.common.LoggingFactory getLoggingFactory() {
        io.dropwizard.logging.common.LoggingFactory logging = super.getLoggingFactory();
        if (!logFormatApplied) {
            logFormatApplied = true;
            LogFormat.parse(logFormat).apply(logging, getServerFactory());
        }
        return logging;
    }

    /** Unknown values count as production so that a typo never enables embedded defaults. */
    public DeploymentEnvironment deploymentEnvironment() {
        return DeploymentEnvironment.parse(environmentName).orElse(DeploymentEnvironment.PRODUCTION);
    }

    public boolean isProduction() {
        return deploymentEnvironment() == DeploymentEnvironment.PRODUCTION;
    }

    /** JWT_SECRET, or outside production a generated one kept with the development data. */
    public String effectiveJwtSecret() {
        return secretOrDevelopment(jwtSecret, "JWT_SECRET");
    }

    /** ALLOWED_ORIGINS as a list of exact origins; outside production an empty list means the local frontend. */
    public java.util.List<String> effectiveAllowedOrigins() {
        java.util.List<String> origins = allowedOrigins == null ? java.util.List.of()
                : java.util.Arrays.stream(allowedOrigins.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
        return origins.isEmpty() && !isProduction() ? java.util.List.of("http://localhost:3000") : origins;
    }

    /** SECRET_KEY, or outside production a generated one kept with the development data. */
    public String effectiveSecretKey() {
        return secretOrDevelopment(secretKey, "SECRET_KEY");
    }

    private String secretOrDevelopment(String value, String name) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        if (isProduction()) {
            throw new IllegalStateException(name + " is required in production");
        }
        return DevelopmentSecrets.get(developmentDataDirectory(), name);
    }

    /** The parent of the embedded PostgreSQL's directory: ./data by default. */
    public java.nio.file.Path developmentDataDirectory() {
        java.nio.file.Path postgresData = java.nio.file.Path.of(postgres.getEmbedded().getDataDirectory()).toAbsolutePath();
        return postgresData.getParent() == null ? postgresData : postgresData.getParent();
    }

    public String getEnvironmentName() { return environmentName == null ? "" : environmentName; }
    public PostgresFactory getPostgres() { return postgres; }
    public SupabaseFactory getSupabase() { return supabase; }
    public OpenAiFactory getOpenai() { return openai; }
    public StatsFactory getStats() { return stats; }
    public LimitsFactory getLimits() { return limits; }
    public InvitationsFactory getInvitations() { return invitations; }
    public LanguagesFactory getLanguages() { return languages; }

    public WarmUpFactory getWarmUp() { return warmUp; }
    public AuthFactory getAuth() { return auth; }
    public String getAdminToken() { return adminToken == null || adminToken.isBlank() ? null : adminToken; }

    /** True when every admin connector binds to a loopback address. */
    public boolean adminPortIsLocal() {
        if (!(getServerFactory() instanceof io.dropwizard.core.server.DefaultServerFactory server)) {
            return false;
        }
        return server.getAdminConnectors().stream().allMatch(connector ->
                connector instanceof io.dropwizard.jetty.HttpConnectorFactory http && http.getBindHost() != null
                        && (http.getBindHost().equals("localhost") || http.getBindHost().startsWith("127.")
                        || http.getBindHost().equals("::1")));
    }
    public String getAllowedOrigins() { return allowedOrigins; }
    public String getSecretKey() { return secretKey; }
    public String getJwtSecret() { return jwtSecret; }
}
