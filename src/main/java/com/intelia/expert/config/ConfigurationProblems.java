package com.intelia.expert.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the variables of the production guide and names every one that is missing or malformed, with
 * what it is for. Values are never repeated in a problem: most of them are secrets.
 */
public final class ConfigurationProblems {

    /** One offending variable: its name, what is wrong, and what the variable is for. */
    public record Problem(String variable, String issue, String purpose) {
        @Override
        public String toString() {
            return variable + " " + issue + " (" + purpose + ")";
        }
    }

    static final int MIN_SECRET_BYTES = 32;
    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Set<String> POOL_MODES = Set.of("session", "transaction");
    private static final Set<String> ENCRYPTED_SSL_MODES = Set.of("require", "verify-ca", "verify-full");

    private final List<Problem> problems = new ArrayList<>();

    private ConfigurationProblems() {
    }

    public static List<Problem> of(ExpertConfiguration config) {
        ConfigurationProblems check = new ConfigurationProblems();
        check.run(config);
        return List.copyOf(check.problems);
    }

    /** One message naming every problem, or empty when there is none. */
    public static Optional<String> message(ExpertConfiguration config) {
        List<Problem> found = of(config);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("the environment is not ready for ENVIRONMENT=")
                .append(config.getEnvironmentName()).append(": ").append(found.size())
                .append(found.size() == 1 ? " variable needs" : " variables need").append(" attention:");
        for (Problem problem : found) {
            text.append("\n    - ").append(problem);
        }
        return Optional.of(text.toString());
    }

    private void run(ExpertConfiguration config) {
        Optional<DeploymentEnvironment> environment = DeploymentEnvironment.parse(config.getEnvironmentName());
        if (environment.isEmpty()) {
            add("ENVIRONMENT", "is not one of production, staging, development",
                    "selects production checks or the embedded development defaults");
        }
        boolean production = environment.orElse(DeploymentEnvironment.PRODUCTION) == DeploymentEnvironment.PRODUCTION;
        checkPostgres(config.getPostgres(), production);
        checkSupabase(config.getSupabase(), production);
        if (production) {
            required("OPENAI_API_KEY", config.getOpenai().getApiKey(),
                    "OpenAI key that answers questions when the knowledge base has no answer");
        }
        checkOrigins(config.getAllowedOrigins(), production);
        if (!config.adminPortIsLocal() && config.getAdminToken() == null) {
            add("ADMIN_TOKEN", "is missing while the admin port listens beyond localhost (ADMIN_BIND_HOST)",
                    "bearer token that admin tasks require");
        } else if (config.getAdminToken() != null
                && config.getAdminToken().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            add("ADMIN_TOKEN", "is shorter than " + MIN_SECRET_BYTES + " bytes", "bearer token that admin tasks require");
        }
        checkSecret("SECRET_KEY", config.getSecretKey(), production, "key that protects invitation tokens");
        checkSecret("JWT_SECRET", config.getJwtSecret(), production,
                "Supabase JWT secret that verifies users' access tokens");
    }

    private void checkPostgres(PostgresFactory postgres, boolean production) {
        String host = postgres.getHost();
        if (production) {
            required("POSTGRES_HOST", host, "host of the PostgreSQL server that keeps conversations, feedback and invitations");
            required("POSTGRES_USER", postgres.getUser(), "user the service connects to PostgreSQL as");
            required("POSTGRES_PASSWORD", postgres.getPassword(), "password of that PostgreSQL user");
        }
        hostProblem(host).ifPresent(problem -> add("POSTGRES_HOST", problem, "host of the PostgreSQL server"));
        String port = postgres.getPort();
        if (!isSet(port)) {
            add("POSTGRES_PORT", "is empty", "TCP port of the PostgreSQL server (25060 on DigitalOcean)");
        } else if (!isPort(port.trim())) {
            add("POSTGRES_PORT", "is not a port number (1-65535)", "TCP port of the PostgreSQL server (25060 on DigitalOcean)");
        }
        if (!isSet(postgres.getDatabase())) {
            add("POSTGRES_DB", "is empty", "database name on the PostgreSQL server (defaultdb on DigitalOcean)");
        }
        String sslMode = postgres.getSslMode() == null ? "" : postgres.getSslMode().trim().toLowerCase(Locale.ROOT);
        if (!SSL_MODES.contains(sslMode)) {
            add("POSTGRES_SSLMODE", "is not one of disable, allow, prefer, require, verify-ca, verify-full",
                    "TLS mode of the PostgreSQL connection");
        } else if (production && !ENCRYPTED_SSL_MODES.contains(sslMode)) {
            add("POSTGRES_SSLMODE", "must be require, verify-ca or verify-full in production",
                    "TLS mode of the PostgreSQL connection");
        }
        checkCaCert(postgres.getCaCert(), sslMode, production);
        checkReadNode(postgres.getRead(), production);
        String poolMode = postgres.getPoolMode() == null ? "" : postgres.getPoolMode().trim().toLowerCase(Locale.ROOT);
        if (!POOL_MODES.contains(poolMode)) {
            add("POSTGRES_POOL_MODE", "is not one of session, transaction",
                    "how the connection pooler in front of PostgreSQL shares server connections"
                            + " (transaction for DigitalOcean's pooler on port 25061)");
        }
        String instances = postgres.getInstanceCount() == null ? "" : postgres.getInstanceCount().trim();
        if (instances.isEmpty() || instances.length() > 4 || !instances.chars().allMatch(Character::isDigit)
                || Integer.parseInt(instances) < 1) {
            add("INSTANCE_COUNT", "is not a whole number from 1 to 9999",
                    "how many instances of the service share the database (doctor sizes the pools with it)");
        }
    }

    /**
     * What is wrong with a POSTGRES_HOST or POSTGRES_READ_HOST value, if anything: a URL, a path or spaces, or a
     * trailing ":port" (the driver would read "host:25060" as a name and fail to resolve it; the port has its own
     * variable). A bare IPv6 address (several colons) passes.
     */
    private static Optional<String> hostProblem(String host) {
        if (!isSet(host)) {
            return Optional.empty();
        }
        String value = host.trim();
        if (value.contains("://") || value.contains("/")) {
            return Optional.of("must be a bare host name, not a URL");
        }
        if (value.contains(" ")) {
            return Optional.of("must be a bare host name, without spaces");
        }
        if (value.matches("[^:]+:\\d*")) {
            return Optional.of("must be a bare host name without a port: give the port in its _PORT variable");
        }
        return Optional.empty();
    }

    /** POSTGRES_READ_*: only what is set is checked; blank values are the primary's. */
    private void checkReadNode(ReadReplicaFactory read, boolean production) {
        String purpose = "read-only node (a standby of the cluster) for the statistics and questions reads";
        String host = read.getHost();
        hostProblem(host).ifPresent(problem -> add("POSTGRES_READ_HOST", problem, purpose));
        if (isSet(read.getPort()) && !isPort(read.getPort().trim())) {
            add("POSTGRES_READ_PORT", "is not a port number (1-65535)", purpose);
        }
        if (isSet(read.getPoolMode()) && !POOL_MODES.contains(read.getPoolMode().trim().toLowerCase(Locale.ROOT))) {
            add("POSTGRES_READ_POOL_MODE", "is not one of session, transaction", "how the connection pooler in front"
                    + " of the " + purpose + " shares server connections (transaction for a DigitalOcean pool)");
        }
        String sslMode = read.getSslMode() == null ? "" : read.getSslMode().trim().toLowerCase(Locale.ROOT);
        if (sslMode.isEmpty()) {
            return;
        }
        if (!SSL_MODES.contains(sslMode)) {
            add("POSTGRES_READ_SSLMODE", "is not one of disable, allow, prefer, require, verify-ca, verify-full",
                    "TLS mode of the connection to the " + purpose);
        } else if (production && !ENCRYPTED_SSL_MODES.contains(sslMode)) {
            add("POSTGRES_READ_SSLMODE", "must be require, verify-ca or verify-full in production",
                    "TLS mode of the connection to the " + purpose);
        }
    }

    private void checkCaCert(String caCert, String sslMode, boolean production) {
        String purpose = "CA certificate of the database cluster (PEM text or a file path) that verify-ca and"
                + " verify-full check the server's certificate with";
        if (!isSet(caCert)) {
            if (production && sslMode.startsWith("verify-")) {
                add("POSTGRES_CA_CERT", "is missing while POSTGRES_SSLMODE is " + sslMode, purpose);
            }
            return;
        }
        if (!CaCertificate.isPemText(caCert)) {
            Path file = Path.of(caCert.trim());
            if (caCert.contains("-----") || !Files.isReadable(file)) {
                add("POSTGRES_CA_CERT", "is neither PEM text (-----BEGIN CERTIFICATE-----) nor a readable file", purpose);
            }
        }
    }

    private void checkSupabase(SupabaseFactory supabase, boolean production) {
        String purpose = "address of the Supabase project that signs users in and keeps their profiles";
        if (production) {
            required("SUPABASE_URL", supabase.getUrl(), purpose);
            required("SUPABASE_KEY", supabase.getKey(), "Supabase anon key, used to read profiles");
            required("SUPABASE_SERVICE_KEY", supabase.getServiceKey(),
                    "Supabase service role key, used for admin statistics and repairs");
        }
        checkServiceKeyKind(supabase);
        String url = supabase.getUrl();
        if (isSet(url)) {
            Optional<URI> uri = parseUri(url.trim());
            boolean https = uri.map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(false);
            boolean http = uri.map(u -> "http".equalsIgnoreCase(u.getScheme())).orElse(false);
            if (uri.isEmpty() || uri.get().getHost() == null || !(https || http)) {
                add("SUPABASE_URL", "is not an http(s) URL such as https://abcd.supabase.co", purpose);
            } else if (production && !https) {
                add("SUPABASE_URL", "must use https in production", purpose);
            }
        }
    }

    /**
     * A publishable or anon key as SUPABASE_SERVICE_KEY makes every profile look missing (row-level security answers
     * 200 []), so that admins lose their role and the audit proposes repairs of users who exist: named here as one
     * problem with what to put instead.
     */
    private void checkServiceKeyKind(SupabaseFactory supabase) {
        SupabaseKeyKind service = SupabaseKeyKind.of(supabase.getServiceKey());
        if (!service.cannotReadEveryProfile()) {
            return;
        }
        boolean swapped = SupabaseKeyKind.of(supabase.getKey()).bypassesRowLevelSecurity();
        add("SUPABASE_SERVICE_KEY", "holds " + service.label() + ", not a secret key: row-level security would hide"
                        + " other users' profiles, so they would all look missing"
                        + (swapped ? "; SUPABASE_KEY holds the secret key, the two look swapped" : ""),
                "set it to the project's secret key (sb_secret_...) or its legacy service_role key, from the Supabase"
                        + " dashboard, Project Settings, API Keys");
    }

    private void checkOrigins(String origins, boolean production) {
        String purpose = "comma-separated origins of the frontend that browsers may call the API from";
        if (production) {
            required("ALLOWED_ORIGINS", origins, purpose);
        }
        if (!isSet(origins)) {
            return;
        }
        for (String origin : origins.split(",")) {
            String trimmed = origin.trim();
            if (trimmed.equals("*")) {
                add("ALLOWED_ORIGINS", "must list exact origins; a wildcard is not allowed with credentials", purpose);
                return;
            }
            Optional<URI> uri = parseUri(trimmed);
            boolean valid = uri.isPresent() && uri.get().getHost() != null
                    && ("https".equalsIgnoreCase(uri.get().getScheme()) || "http".equalsIgnoreCase(uri.get().getScheme()))
                    && (uri.get().getRawPath() == null || uri.get().getRawPath().isEmpty())
                    && uri.get().getRawQuery() == null;
            if (!valid) {
                add("ALLOWED_ORIGINS", "has an entry that is not an origin such as https://expert.intelia.com", purpose);
                return;
            }
        }
    }

    private void checkSecret(String variable, String value, boolean production, String purpose) {
        if (production) {
            required(variable, value, purpose);
        }
        if (isSet(value) && value.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            add(variable, "is shorter than " + MIN_SECRET_BYTES + " bytes", purpose);
        }
    }

    private void required(String variable, String value, String purpose) {
        if (!isSet(value)) {
            add(variable, "is missing", purpose);
        }
    }

    private void add(String variable, String issue, String purpose) {
        problems.add(new Problem(variable, issue, purpose));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean isPort(String value) {
        if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int port = Integer.parseInt(value);
        return port >= 1 && port <= 65535;
    }

    private static Optional<URI> parseUri(String value) {
        try {
            return Optional.of(new URI(value));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
