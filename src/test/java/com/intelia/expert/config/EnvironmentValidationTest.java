package com.intelia.expert.config;

import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.nimbusds.jwt.JWTClaimsSet;
import com.intelia.expert.support.CliRunner;
import io.dropwizard.core.setup.Bootstrap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real config.yml, read with environment variables as the guide sets them, through the real commands. */
class EnvironmentValidationTest {

    private static final String PASSWORD = "pg-Password-7e1b9c";
    private static final String SUPABASE_KEY = "anon-key-value-3f9a";
    private static final String SERVICE_KEY = "service-key-value-8c2d";
    private static final String OPENAI_KEY = "openai-key-value-5b7e";
    private static final String SECRET_KEY = "secret-key-0123456789-abcdefghijklmnop";
    private static final String JWT_SECRET = "jwt-secret-0123456789-abcdefghijklmnop";

    private static Map<String, String> validProduction() {
        Map<String, String> env = new HashMap<>();
        env.put("ENVIRONMENT", "production");
        env.put("POSTGRES_HOST", "db-postgresql-fra1.example.ondigitalocean.com");
        env.put("POSTGRES_USER", "doadmin");
        env.put("POSTGRES_PASSWORD", PASSWORD);
        env.put("SUPABASE_URL", "https://abcd.supabase.co");
        env.put("SUPABASE_KEY", SUPABASE_KEY);
        env.put("SUPABASE_SERVICE_KEY", SERVICE_KEY);
        env.put("OPENAI_API_KEY", OPENAI_KEY);
        env.put("ALLOWED_ORIGINS", "https://expert.intelia.com,https://admin.intelia.com");
        env.put("SECRET_KEY", SECRET_KEY);
        env.put("JWT_SECRET", JWT_SECRET);
        return env;
    }

    @Test
    void aCompleteProductionEnvironmentPassesCheck() {
        CliRunner.Result result = CliRunner.run(validProduction(), "check", "config.yml");

        assertThat(result.success()).as(result.output()).isTrue();
    }

    @Test
    void developmentNeedsNoVariableAtAll() {
        CliRunner.Result result = CliRunner.run(Map.of(), "check", "config.yml");

        assertThat(result.success()).as(result.output()).isTrue();
    }

    @Test
    void productionWithNothingSetNamesEveryRequiredVariableInOneMessage() {
        CliRunner.Result result = CliRunner.run(Map.of("ENVIRONMENT", "production"), "check", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.output()).containsOnlyOnce("the environment is not ready for ENVIRONMENT=production");
        for (String variable : List.of("POSTGRES_HOST", "POSTGRES_USER", "POSTGRES_PASSWORD", "SUPABASE_URL",
                "SUPABASE_KEY", "SUPABASE_SERVICE_KEY", "OPENAI_API_KEY", "ALLOWED_ORIGINS", "SECRET_KEY", "JWT_SECRET")) {
            assertThat(result.output()).contains(variable + " is missing (");
        }
        assertThat(result.output()).contains("10 variables need attention");
    }

    @Test
    void startingTheServerInProductionFailsTheSameWay() {
        CliRunner.Result result = CliRunner.run(Map.of("ENVIRONMENT", "production", "JWT_SECRET", "short"),
                "server", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.output()).contains("POSTGRES_HOST is missing").contains("JWT_SECRET is shorter than 32 bytes");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "POSTGRES_PORT|twenty-five|POSTGRES_PORT is not a port number",
        "POSTGRES_PORT|70000|POSTGRES_PORT is not a port number",
        "POSTGRES_HOST|postgres://db.example.com:25060|POSTGRES_HOST must be a bare host name",
        "POSTGRES_SSLMODE|disable|POSTGRES_SSLMODE must be require, verify-ca or verify-full in production",
        "POSTGRES_SSLMODE|sometimes|POSTGRES_SSLMODE is not one of",
        "SUPABASE_URL|http://abcd.supabase.co|SUPABASE_URL must use https in production",
        "SUPABASE_URL|abcd.supabase.co|SUPABASE_URL is not an http(s) URL",
        "ALLOWED_ORIGINS|*|ALLOWED_ORIGINS must list exact origins",
        "ALLOWED_ORIGINS|https://expert.intelia.com/app|ALLOWED_ORIGINS has an entry that is not an origin",
        "SECRET_KEY|only-twenty-bytes-xx|SECRET_KEY is shorter than 32 bytes",
        "JWT_SECRET|jwt-too-short|JWT_SECRET is shorter than 32 bytes",
        "ENVIRONMENT|prod|ENVIRONMENT is not one of production, staging, development",
        "POSTGRES_POOL_MODE|statement|POSTGRES_POOL_MODE is not one of session, transaction",
        "POSTGRES_SSLMODE|verify-full|POSTGRES_CA_CERT is missing while POSTGRES_SSLMODE is verify-full",
        "POSTGRES_CA_CERT|/nonexistent/ca-certificate.crt|POSTGRES_CA_CERT is neither PEM text",
        "INSTANCE_COUNT|two|INSTANCE_COUNT is not a whole number",
        "POSTGRES_READ_HOST|postgres://replica.example.com|POSTGRES_READ_HOST must be a bare host name",
        "POSTGRES_READ_HOST|replica.example.com:25060|POSTGRES_READ_HOST must be a bare host name without a port",
        "POSTGRES_HOST|db.example.com:25061|POSTGRES_HOST must be a bare host name without a port",
        "POSTGRES_READ_HOST|has space|POSTGRES_READ_HOST must be a bare host name, without spaces",
        "POSTGRES_READ_PORT|25o60|POSTGRES_READ_PORT is not a port number",
        "POSTGRES_READ_POOL_MODE|pooled|POSTGRES_READ_POOL_MODE is not one of session, transaction",
        "POSTGRES_READ_SSLMODE|disable|POSTGRES_READ_SSLMODE must be require, verify-ca or verify-full in production",
    })
    void eachMalformedVariableIsNamedAlone(String variable, String value, String expected) {
        Map<String, String> env = validProduction();
        env.put(variable, value);

        CliRunner.Result result = CliRunner.run(env, "check", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.output()).contains(expected).contains("1 variable needs attention");
    }

    /** A legacy Supabase API key: a JWT signed with the project's secret, iss supabase, the role, ten years long. */
    private static String legacyKey(String role) {
        Instant now = Instant.now();
        return TestTokens.hs256(JWT_SECRET.getBytes(StandardCharsets.UTF_8), new JWTClaimsSet.Builder()
                .issuer("supabase").claim("ref", "abcd").claim("role", role).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofDays(3650)))).build());
    }

    @Test
    void aSecretKeyOrTheLegacyServiceRoleKeyAsServiceKeyPassesCheck() {
        for (String serviceKey : List.of("sb_secret_Jk3v9QmXw2TtR8yB1cLp4", legacyKey("service_role"))) {
            Map<String, String> env = validProduction();
            env.put("SUPABASE_KEY", "sb_publishable_Ha7Lq2ZxC5vN0pR3sD9e");
            env.put("SUPABASE_SERVICE_KEY", serviceKey);

            CliRunner.Result result = CliRunner.run(env, "check", "config.yml");

            assertThat(result.success()).as(result.output()).isTrue();
        }
    }

    @Test
    void aPublishableKeyAsServiceKeyIsOneProblemSayingWhatToPutThere() {
        String publishable = "sb_publishable_Ha7Lq2ZxC5vN0pR3sD9e";
        Map<String, String> env = validProduction();
        env.put("SUPABASE_SERVICE_KEY", publishable);

        CliRunner.Result result = CliRunner.run(env, "check", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.output()).contains("1 variable needs attention")
                .contains("SUPABASE_SERVICE_KEY holds a publishable key (sb_publishable_...), not a secret key:"
                        + " row-level security would hide other users' profiles")
                .contains("set it to the project's secret key (sb_secret_...) or its legacy service_role key")
                .doesNotContain(publishable);
    }

    @Test
    void theLegacyAnonKeyAsServiceKeyIsNamedAsSuch() {
        String anon = legacyKey("anon");
        Map<String, String> env = validProduction();
        env.put("SUPABASE_SERVICE_KEY", anon);

        CliRunner.Result result = CliRunner.run(env, "check", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.output()).contains("1 variable needs attention")
                .contains("SUPABASE_SERVICE_KEY holds the legacy anon key (a JWT with role anon), not a secret key")
                .doesNotContain(anon).doesNotContain(anon.split("\\.")[1]);
    }

    @Test
    void swappedKeysAreSaidToBeSwapped() {
        Map<String, String> env = validProduction();
        env.put("SUPABASE_KEY", legacyKey("service_role"));
        env.put("SUPABASE_SERVICE_KEY", legacyKey("anon"));

        CliRunner.Result result = CliRunner.run(env, "check", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.output()).contains("SUPABASE_KEY holds the secret key, the two look swapped");
    }

    @Test
    void aUsersAccessTokenAsServiceKeyIsRefused() {
        Map<String, String> env = validProduction();
        env.put("SUPABASE_SERVICE_KEY", TestTokens.hs256(java.util.UUID.randomUUID(), c -> c));

        CliRunner.Result result = CliRunner.run(env, "check", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.output()).contains("SUPABASE_SERVICE_KEY holds a JWT that is neither the anon nor the"
                + " service_role key");
    }

    @Test
    void aPublishableServiceKeyIsRefusedOutsideProductionToo() {
        CliRunner.Result result = CliRunner.run(Map.of("SUPABASE_URL", "http://localhost:54321",
                "SUPABASE_SERVICE_KEY", "sb_publishable_Ha7Lq2ZxC5vN0pR3sD9e"), "check", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.output()).contains("SUPABASE_SERVICE_KEY holds a publishable key");
    }

    @Test
    void anAdminPortBeyondLocalhostNeedsAnAdminToken() {
        Map<String, String> env = validProduction();
        env.put("ADMIN_BIND_HOST", "0.0.0.0");

        CliRunner.Result refused = CliRunner.run(env, "check", "config.yml");
        env.put("ADMIN_TOKEN", "admin-token-0123456789-abcdefghijklmnop");
        CliRunner.Result accepted = CliRunner.run(env, "check", "config.yml");

        assertThat(refused.success()).isFalse();
        assertThat(refused.output()).contains("ADMIN_TOKEN is missing while the admin port listens beyond localhost");
        assertThat(accepted.success()).as(accepted.output()).isTrue();
    }

    @Test
    void noSecretValueAppearsInTheMessage() {
        Map<String, String> env = validProduction();
        env.put("SECRET_KEY", "tiny-secret-Q1");
        env.put("JWT_SECRET", "tiny-jwt-Z9");
        env.put("POSTGRES_PORT", "not-a-port");
        env.remove("POSTGRES_HOST");

        CliRunner.Result result = CliRunner.run(env, "check", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.output()).contains("SECRET_KEY", "JWT_SECRET", "POSTGRES_PORT", "POSTGRES_HOST")
                .doesNotContain("tiny-secret-Q1", "tiny-jwt-Z9", PASSWORD, SUPABASE_KEY, SERVICE_KEY, OPENAI_KEY,
                        "not-a-port");
    }

    @Test
    void aPasswordWithQuotesBackslashesAndColonsIsReadExactly() throws Exception {
        String password = "p\"a\\ss: #w'ord {x} ${y}";
        Map<String, String> env = validProduction();
        env.put("POSTGRES_PASSWORD", password);

        ExpertConfiguration config = load(env);

        assertThat(config.getPostgres().getPassword()).isEqualTo(password);
        assertThat(ConfigurationProblems.of(config)).isEmpty();
    }

    @Test
    void guideDefaultsApplyWhenOnlyTheRequiredVariablesAreSet() throws Exception {
        ExpertConfiguration config = load(validProduction());

        assertThat(config.getPostgres().getPort()).isEqualTo("25060");
        assertThat(config.getPostgres().getDatabase()).isEqualTo("defaultdb");
        assertThat(config.getPostgres().getSslMode()).isEqualTo("require");
        assertThat(config.getPostgres().isEmbedded()).isFalse();
    }

    @Test
    void aTransactionPoolerAndAPastedCaCertificateReachTheDriver() throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIBdummy0123456789\n-----END CERTIFICATE-----";
        Map<String, String> env = validProduction();
        env.put("POSTGRES_POOL_MODE", "transaction");
        env.put("POSTGRES_PORT", "25061");
        env.put("POSTGRES_SSLMODE", "verify-full");
        env.put("POSTGRES_CA_CERT", pem);
        env.put("POSTGRES_POOL_SIZE", "7");

        ExpertConfiguration config = load(env);
        Map<String, String> properties = config.getPostgres().dataSourceFactory().getProperties();
        Path caFile = Path.of(properties.get("sslrootcert"));

        assertThat(ConfigurationProblems.of(config)).isEmpty();
        assertThat(properties).containsEntry("prepareThreshold", "0").containsEntry("sslmode", "verify-full");
        assertThat(Files.readString(caFile).trim()).isEqualTo(pem);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caFile))).isEqualTo("rw-------");
        assertThat(config.getPostgres().dataSourceFactory().getMaxSize()).isEqualTo(7);
    }

    @Test
    void sessionModeKeepsServerSidePreparedStatements() throws Exception {
        ExpertConfiguration config = load(validProduction());

        assertThat(config.getPostgres().getPoolMode()).isEqualTo("session");
        assertThat(config.getPostgres().dataSourceFactory().getProperties()).doesNotContainKey("prepareThreshold");
    }

    @Test
    void theReadNodeTakesThePrimarysPortAndPoolModeUnlessItsOwnAreSet() throws Exception {
        Map<String, String> env = validProduction();
        env.put("POSTGRES_POOL_MODE", "transaction");
        env.put("POSTGRES_PORT", "25061");
        env.put("POSTGRES_READ_HOST", "replica-read-only.example.com");

        PostgresFactory inherited = load(env).getPostgres().readReplica().orElseThrow();
        env.put("POSTGRES_READ_PORT", "25060");
        env.put("POSTGRES_READ_POOL_MODE", "session");
        PostgresFactory direct = load(env).getPostgres().readReplica().orElseThrow();

        assertThat(inherited.getPort()).isEqualTo("25061");
        assertThat(inherited.isTransactionPooled()).isTrue();
        assertThat(inherited.dataSourceFactory().getProperties()).containsEntry("prepareThreshold", "0");
        assertThat(direct.getPort()).isEqualTo("25060");
        assertThat(direct.isTransactionPooled()).isFalse();
        assertThat(direct.dataSourceFactory().getProperties()).doesNotContainKey("prepareThreshold");
    }

    private static ExpertConfiguration load(Map<String, String> env) throws Exception {
        ExpertApplication application = new ExpertApplication(env::get);
        Bootstrap<ExpertConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        return bootstrap.getConfigurationFactoryFactory()
                .create(ExpertConfiguration.class, bootstrap.getValidatorFactory().getValidator(),
                        bootstrap.getObjectMapper(), "dw")
                .build(bootstrap.getConfigurationSourceProvider(), "config.yml");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "WARM_UP_ROUNDS|21|warmUp.rounds (WARM_UP_ROUNDS) must be less than or equal to 20",
        "WARM_UP_ROUNDS|-1|warmUp.rounds (WARM_UP_ROUNDS) must be greater than or equal to 0",
        "WARM_UP_ROUNDS|abc|warmUp.rounds (WARM_UP_ROUNDS)",
        "WARM_UP_ROUNDS|1.5|warmUp.rounds (WARM_UP_ROUNDS)",
        "POSTGRES_POOL_SIZE|abc|postgres.maxPoolSize (POSTGRES_POOL_SIZE)",
        "PORT|abc|(PORT)",
    })
    void aRefusedValueNamesTheVariableThatSetIt(String variable, String value, String expected) {
        CliRunner.Result result = CliRunner.run(Map.of(variable, value), "check", "config.yml");

        assertThat(result.success()).isFalse();
        assertThat(result.stderr()).contains(expected)
                .contains("Remedy: set or correct the variables named above")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void aVariableSetToTheEmptyStringTakesItsDefault() throws Exception {
        Map<String, String> env = new HashMap<>(validProduction());
        env.put("WARM_UP_ROUNDS", "");
        env.put("POSTGRES_PORT", "");
        env.put("PORT", "");

        CliRunner.Result result = CliRunner.run(env, "check", "config.yml");

        assertThat(result.success()).as(result.output()).isTrue();
        ExpertConfiguration config = load(env);
        assertThat(config.getWarmUp().getRounds()).isEqualTo(3);
        assertThat(config.getPostgres().getPort()).isEqualTo("25060");
    }
}
