package com.intelia.expert.doctor;

import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.config.ConfigurationProblems;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.postgres.PostgresProbe;
import com.intelia.expert.postgres.ReplicaFacts;
import com.intelia.expert.migrations.SchemaInspector;
import com.intelia.expert.openai.OpenAiGateway;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;

import javax.sql.DataSource;
import java.sql.Connection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The production guide's post-deployment checklist, run for real: each step is a check that passes,
 * or fails with what to do about it.
 */
public class PostDeployChecklist {

    private final ExpertConfiguration config;
    private final Supplier<DataSource> dataSource;
    private final OpenAiGateway openAi;
    private final Client http;
    private final DirectoryChecks directory;
    private final PostgresServerChecks server;
    private final ReadNodeCheck readNode;

    /** {@code instances}: how many instances of the service share the database, for the connection limit. */
    public PostDeployChecklist(ExpertConfiguration config, Supplier<DataSource> dataSource, OpenAiGateway openAi,
                               Client http, int instances) {
        this.config = config;
        this.dataSource = dataSource;
        this.openAi = openAi;
        this.http = http;
        this.directory = new DirectoryChecks(config, dataSource, http);
        this.server = new PostgresServerChecks(config.getPostgres(), instances);
        this.readNode = new ReadNodeCheck(config.getPostgres().readReplica(),
                java.time.Duration.ofMillis(config.getPostgres().getRead().getMaxLag().toMilliseconds()), instances,
                () -> {
                    try (Connection connection = dataSource.get().getConnection()) {
                        return ReplicaFacts.primaryPosition(connection, 5);
                    }
                });
    }

    public List<CheckResult> run(List<URI> healthUrls) {
        List<CheckResult> results = new ArrayList<>();
        results.add(configuration());
        CheckResult postgres = postgres();
        results.add(postgres);
        CheckResult migrations;
        if (postgres.failed()) {
            migrations = CheckResult.skipped("migrations", "PostgreSQL is not reachable");
            for (String name : List.of(PostgresServerChecks.POOLER, PostgresServerChecks.LIMIT, "migrations",
                    PostgresServerChecks.LOCK, PostgresServerChecks.PRIVILEGE)) {
                results.add(CheckResult.skipped(name, "PostgreSQL is not reachable"));
            }
        } else {
            Boolean shared = server.sharedServerConnections();
            results.add(server.pooler(shared));
            results.add(server.connectionLimit(shared));
            migrations = migrations();
            results.add(migrations);
            results.add(server.migrationLock());
            results.add(server.createPrivilege(migrations.failed()));
        }
        results.add(readNode.check());
        results.add(directory.supabase());
        if (postgres.failed() || migrations.failed()) {
            results.add(CheckResult.skipped(DirectoryChecks.ORPHANS, postgres.failed()
                    ? "PostgreSQL is not reachable" : "the schema is not up to date (see migrations)"));
        } else {
            results.add(directory.orphans());
        }
        results.add(openAi());
        for (URI url : healthUrls) {
            results.add(healthUrl(url));
        }
        return results;
    }

    CheckResult configuration() {
        List<ConfigurationProblems.Problem> problems = ConfigurationProblems.of(config);
        if (problems.isEmpty()) {
            return CheckResult.ok("configuration", "every required variable is set for ENVIRONMENT="
                    + config.deploymentEnvironment().label());
        }
        return CheckResult.fail("configuration", problems.stream().map(ConfigurationProblems.Problem::toString)
                .collect(Collectors.joining("; ")), "set these variables in the app's environment (README, Configuration)");
    }

    CheckResult postgres() {
        String where = config.getPostgres().isEmbedded() ? "embedded PostgreSQL"
                : "PostgreSQL at " + config.getPostgres().getHost() + ":" + config.getPostgres().getPort()
                + " (sslmode " + config.getPostgres().getSslMode() + ")";
        try {
            DatabaseStatus status = new PostgresProbe(dataSource.get(), Duration.ofSeconds(5)).check();
            if (status.isUnhealthy() && status.error().startsWith("TLS:")) {
                return CheckResult.fail("postgresql", where + ": " + status.error(),
                        "download the cluster's CA certificate (DigitalOcean: the database's Connection details) and"
                                + " set POSTGRES_CA_CERT to its PEM text or file path; verify-full also needs"
                                + " POSTGRES_HOST to be the name in the certificate");
            }
            if (status.isUnhealthy()) {
                return CheckResult.fail("postgresql", where + ": " + status.error(),
                        "check POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD and that this"
                                + " host is a trusted source of the database cluster");
            }
            return CheckResult.ok("postgresql", where + " answered in " + status.latencyMs() + " ms");
        } catch (RuntimeException e) {
            return CheckResult.fail("postgresql", where + ": " + e.getMessage(),
                    "check the POSTGRES_* variables, or unset POSTGRES_HOST outside production");
        }
    }

    CheckResult migrations() {
        try {
            SchemaInspector inspector = new SchemaInspector(dataSource.get());
            List<String> pending = inspector.pendingChangeSets();
            List<String> missing = inspector.missingConversationColumns();
            if (pending.isEmpty() && missing.isEmpty()) {
                return CheckResult.ok("migrations", "no pending migration, every required column present");
            }
            String detail = pending.size() + " pending migration(s)"
                    + (missing.isEmpty() ? "" : ", conversations lacks " + String.join(", ", missing));
            return CheckResult.fail("migrations", detail,
                    "take a backup, then run: java -jar intelia-expert.jar db migrate config.yml");
        } catch (Exception e) {
            return CheckResult.fail("migrations", "cannot read the schema: " + e.getMessage(), "run db status for details");
        }
    }

    CheckResult openAi() {
        String key = config.getOpenai().getApiKey();
        if (key == null || key.isBlank()) {
            if (!config.isProduction()) {
                return CheckResult.skipped("openai", "OPENAI_API_KEY is not set (allowed outside production)");
            }
            return CheckResult.fail("openai", "OPENAI_API_KEY is not set", "set OPENAI_API_KEY");
        }
        OpenAiGateway.KeyCheck check = openAi.checkKey();
        return check.accepted() ? CheckResult.ok("openai", check.detail())
                : CheckResult.fail("openai", check.detail(), "create a new key in the OpenAI dashboard and set OPENAI_API_KEY");
    }

    CheckResult healthUrl(URI url) {
        String name = "health " + url;
        try (Response response = http.target(url).request().get()) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            @SuppressWarnings("unchecked")
            Map<String, Object> json = body.startsWith("{")
                    ? new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, Map.class) : Map.of();
            Object status = json.get("status");
            if (response.getStatus() == 200) {
                return CheckResult.ok(name, "HTTP 200, status " + status);
            }
            return CheckResult.fail(name, "HTTP " + response.getStatus() + (status == null ? "" : ", status " + status),
                    "read the databases section of that response and the service's log");
        } catch (ProcessingException e) {
            return CheckResult.fail(name, "no answer (" + e.getCause().getClass().getSimpleName() + ")",
                    "check that the instance runs and the URL (API_ROOT_PATH) is right");
        } catch (Exception e) {
            return CheckResult.fail(name, "unreadable answer", "check that the URL is the service's health path");
        }
    }
}
