package com.intelia.expert;

import com.intelia.expert.cli.BackupCommand;
import com.intelia.expert.doctor.DoctorCommand;
import com.intelia.expert.cli.ExpertCheckCommand;
import com.intelia.expert.cli.ExpertServerCommand;
import com.intelia.expert.cli.MigrationsCommand;
import com.intelia.expert.cli.RestoreCommand;
import com.intelia.expert.cli.TokenCommand;
import com.intelia.expert.cli.SeedDemoCommand;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.config.PostgresFactory;
import com.intelia.expert.config.ReadReplicaFactory;
import com.intelia.expert.config.YamlSafeEnvironmentSubstitutor;
import com.intelia.expert.config.ExpertConfigurationFactoryFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import com.intelia.expert.cli.CommandFailure;
import com.intelia.expert.migrations.DatabaseMigrator;
import com.intelia.expert.db.GinPendingListFlush;
import com.intelia.expert.db.JdbiChatReads;
import com.intelia.expert.db.JdbiChatStore;
import com.intelia.expert.db.JdbiEmailClaimStore;
import com.intelia.expert.db.JdbiFeedbackStore;
import com.intelia.expert.db.JdbiInvitationAcceptanceStore;
import com.intelia.expert.db.JdbiInvitationStore;
import com.intelia.expert.db.JdbiLocalProfileStore;
import com.intelia.expert.db.JdbiOrphanAuditReads;
import com.intelia.expert.db.JdbiRollupStore;
import com.intelia.expert.db.JdbiSentInvitationStore;
import com.intelia.expert.db.JdbiUserIdRepairStore;
import com.intelia.expert.db.JdbiTurnStore;
import com.intelia.expert.db.Jdbis;
import com.intelia.expert.migrations.SchemaInspector;
import org.slf4j.LoggerFactory;
import javax.sql.DataSource;
import java.util.List;
import com.intelia.expert.postgres.PostgresProbe;
import com.intelia.expert.api.DashboardStats;
import com.intelia.expert.auth.AdminAuthorizer;
import com.intelia.expert.config.StatsFactory;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.CachingUserDirectory;
import com.intelia.expert.directory.SupabaseUserDirectory;
import com.intelia.expert.metrics.DirectoryMetrics;
import com.intelia.expert.metrics.PrometheusEndpoint;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import com.intelia.expert.directory.SupabaseAuthAdmin;
import com.intelia.expert.config.SupabaseFactory;
import com.intelia.expert.core.SupabaseUserCreator;
import com.intelia.expert.core.LocalAccountCreator;
import com.intelia.expert.health.SupabaseHealthCheck;
import com.intelia.expert.health.SupabaseMonitor;
import com.intelia.expert.tasks.CreateSupabaseUserTask;
import jakarta.ws.rs.client.Client;
import com.intelia.expert.resources.AdminRoleUnknownMapper;
import com.intelia.expert.resources.DatabaseUnavailableMapper;
import com.intelia.expert.resources.ServerErrorMapper;
import com.intelia.expert.resources.RequestIdInServerErrors;
import com.intelia.expert.http.RequestIds;
import com.intelia.expert.http.WarmUp;
import com.intelia.expert.resources.StatsResource;
import com.intelia.expert.resources.openapi.ApiDescription;
import com.intelia.expert.resources.openapi.ApiDescriptionResource;
import com.intelia.expert.stats.DashboardService;
import com.intelia.expert.stats.InvitationStatsService;
import com.intelia.expert.stats.OpenAiCosts;
import com.intelia.expert.stats.QuestionsService;
import com.intelia.expert.stats.RollupDashboard;
import com.intelia.expert.stats.RollupCompaction;
import com.intelia.expert.stats.RollupRunMetrics;
import com.intelia.expert.stats.SystemStatsSource;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import com.intelia.expert.health.HealthService;
import com.intelia.expert.health.PostgresHealthCheck;
import com.intelia.expert.resources.HealthResource;
import com.intelia.expert.http.BodilessErrorFilter;
import com.intelia.expert.http.JsonErrorHandler;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import com.intelia.expert.resources.JsonInputExceptionMapper;
import com.intelia.expert.resources.params.ParamConverters;
import com.intelia.expert.resources.params.RequestBodyChecks;
import com.intelia.expert.resources.params.TextCoercion;
import com.intelia.expert.resources.params.TimestampDeserializer;
import com.intelia.expert.http.ExactOriginCorsHandler;
import com.intelia.expert.auth.DevelopmentTokens;
import com.intelia.expert.auth.EmailClaimRecorder;
import com.intelia.expert.auth.ExpertPrincipal;
import com.intelia.expert.auth.BearerTokenFilter;
import com.intelia.expert.auth.TokenAuthenticator;
import com.intelia.expert.core.ChatHistory;
import com.intelia.expert.core.ConversationService;
import com.intelia.expert.core.SaveBatcher;
import com.intelia.expert.core.FeedbackService;
import com.intelia.expert.core.InvitationService;
import com.intelia.expert.resources.ClientErrorMapper;
import com.intelia.expert.resources.ConversationResource;
import com.intelia.expert.resources.ConversationsHealthResource;
import com.intelia.expert.stats.RollupRefresher;
import com.intelia.expert.tasks.AdminTask;
import com.intelia.expert.tasks.AdminTaskServlet;
import com.intelia.expert.tasks.FrameworkTask;
import com.intelia.expert.http.NotFoundServlet;
import io.dropwizard.servlets.tasks.GarbageCollectionTask;
import io.dropwizard.servlets.tasks.LogConfigurationTask;
import com.intelia.expert.tasks.RefreshStatsTask;
import com.intelia.expert.tasks.FixUserIdTask;
import com.intelia.expert.tasks.ClearCachesTask;
import com.intelia.expert.tasks.UserIdAuditTask;
import com.intelia.expert.core.UserIdAuditService;
import com.intelia.expert.tasks.UndoUserIdFixTask;
import com.intelia.expert.core.UserIdRepairService;
import com.intelia.expert.resources.InvitationResource;
import com.intelia.expert.resources.InvitationAcceptanceResource;
import com.intelia.expert.core.InvitationAcceptance;
import com.intelia.expert.core.InvitationChannel;
import com.intelia.expert.core.InvitationSender;
import com.intelia.expert.core.TokenHmac;
import com.intelia.expert.config.InvitationsFactory;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import org.jdbi.v3.core.Jdbi;
import java.nio.charset.StandardCharsets;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.Managed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;

/** Wiring only: builds the configured parts and registers them with Dropwizard. */
public class ExpertApplication extends Application<ExpertConfiguration> {

    private final Function<String, String> environmentVariables;

    public ExpertApplication() {
        this(System::getenv);
    }

    public ExpertApplication(Function<String, String> environmentVariables) {
        this.environmentVariables = environmentVariables;
    }

    public static void main(String[] args) throws Exception {
        new ExpertApplication().run(args);
    }

    @Override
    public String getName() {
        return "intelia-expert";
    }

    /** Dropwizard's server and check, with failures reported as every other command reports them. */
    @Override
    public void addDefaultCommands(Bootstrap<ExpertConfiguration> bootstrap) {
        bootstrap.addCommand(new ExpertServerCommand(this));
        bootstrap.addCommand(new ExpertCheckCommand(this));
    }

    @Override
    public void initialize(Bootstrap<ExpertConfiguration> bootstrap) {
        ConfigurationSourceProvider files = bootstrap.getConfigurationSourceProvider();
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(files,
                new YamlSafeEnvironmentSubstitutor(environmentVariables)));
        bootstrap.setConfigurationFactoryFactory(new ExpertConfigurationFactoryFactory<>(files));
        bootstrap.addCommand(new BackupCommand());
        bootstrap.addCommand(new RestoreCommand());
        bootstrap.addCommand(new DoctorCommand());
        bootstrap.addCommand(new TokenCommand());
        bootstrap.addCommand(new SeedDemoCommand());
        bootstrap.addCommand(new MigrationsCommand());
        bootstrap.getObjectMapper().registerModule(TimestampDeserializer.module());
        // the JVM's gauges (memory, GC, threads) for /metrics; Application.run does it too, test harnesses do not
        bootstrap.registerMetrics();
    }

    @Override
    public void run(ExpertConfiguration config, Environment environment) {
        TextCoercion.refuseScalarsAsText(environment.getObjectMapper());
        Clock clock = Clock.systemUTC();
        Databases databases = databases(config.getPostgres(), environment);
        Directory directory = directory(config.getSupabase(), databases.requests(), environment, clock);
        ReadReplicaFactory.Reads reads = config.getPostgres().buildReads(databases.requests(), environment, clock);
        WarmUp warmUp = warmUp(config, environment);
        HealthService health = new HealthService(databases.probe()::check, directory.monitor()::current,
                reads.health(), warmUp::isDone, version(), clock);
        environment.jersey().register(new HealthResource(health));
        environment.jersey().register(new ConversationsHealthResource(health));
        PrometheusEndpoint.register(environment);

        auth(config, directory.cached(), databases.requests(), environment);
        inputLayer(config, environment, clock);
        conversations(config, databases.requests(), environment, clock);
        InvitationStatsService invitationStats = new InvitationStatsService(reads.database(), directory.cached(), clock);
        invitations(config, directory, databases.requests(), invitationStats, environment, clock);
        DashboardService dashboard = statistics(config, reads, directory.cached(), invitationStats, health,
                environment, clock);
        environment.jersey().register(new ApiDescriptionResource(new ApiDescription(environment.jersey(), version())));
        tasks(config, databases.maintenance(), directory, dashboard, environment, clock);
        errors(config, environment);
    }

    /** The primary's two Jdbis (API requests with their timeouts; maintenance without) and its health probe. */
    private record Databases(Jdbi requests, Jdbi maintenance, PostgresProbe probe) {
    }

    /** The user directory, cached, with its background health probe; {@code local} is the local one in any case. */
    private record Directory(CachingUserDirectory cached, LocalUserDirectory local, SupabaseMonitor monitor,
                             Client supabaseClient) {
    }

    /**
     * The pool, migrations (embedded: at start; external: refused when not applied), the health probe on a connection
     * of its own, and the Jdbis over the pool (db/Jdbis: a timer per statement, no health check of their own).
     */
    private static Databases databases(PostgresFactory postgres, Environment environment) {
        DataSourceFactory dataSourceFactory = postgres.serverDataSourceFactory();
        if (postgres.isEmbedded()) {
            environment.lifecycle().manage(postgres.getEmbedded().start());
        }
        ManagedDataSource pool = dataSourceFactory.build(environment.metrics(), "postgresql");
        environment.lifecycle().manage(pool);
        ManagedDataSource maintenance = postgres.forMaintenance(pool);
        if (postgres.isEmbedded()) {
            DatabaseMigrator.migrate(maintenance);
        } else {
            refuseAnUnmigratedDatabase(maintenance);
        }
        PostgresProbe probe = PostgresProbe.dedicated(postgres::openHealthConnection,
                Duration.ofMillis(postgres.getHealthTimeout().toMilliseconds()));
        environment.lifecycle().manage(probe);
        environment.healthChecks().register("postgresql", new PostgresHealthCheck(probe));
        return new Databases(Jdbis.forRequests(environment, dataSourceFactory, postgres.forRequests(pool),
                postgres.statementTimeout(), "postgresql-requests"),
                Jdbis.forMaintenance(environment, dataSourceFactory, maintenance, "postgresql-maintenance"), probe);
    }

    /** Supabase (PostgREST and Auth) when configured, else the local directory; cached, probed in the background. */
    private static Directory directory(SupabaseFactory supabase, Jdbi jdbi, Environment environment, Clock clock) {
        Client supabaseClient = supabase.isConfigured() ? supabase.buildClient(environment) : null;
        SupabaseUserDirectory supabaseDirectory = supabase.isConfigured()
                ? supabase.buildSupabaseDirectory(supabaseClient, clock) : null;
        LocalUserDirectory local = new LocalUserDirectory(new JdbiLocalProfileStore(jdbi));
        CachingUserDirectory directory = supabase.cached(supabaseDirectory != null ? supabaseDirectory : local);
        SupabaseMonitor monitor = new SupabaseMonitor(directory::health,
                Duration.ofMillis(supabase.getHealthProbeInterval().toMilliseconds()), clock);
        environment.lifecycle().manage(monitor);
        environment.healthChecks().register("supabase", new SupabaseHealthCheck(monitor::current));
        DirectoryMetrics.register(environment.metrics(), directory, supabaseDirectory == null ? Optional.empty()
                : supabaseDirectory.circuitBreaker(), monitor);
        return new Directory(directory, local, monitor, supabaseClient);
    }

    /** Bearer tokens (Supabase's), the admin role, CORS. */
    private static void auth(ExpertConfiguration config, CachingUserDirectory directory, Jdbi jdbi,
                             Environment environment) {
        EmailClaimRecorder emailClaims = new EmailClaimRecorder(new JdbiEmailClaimStore(jdbi), Duration.ofHours(1));
        environment.lifecycle().manage(emailClaims);
        environment.jersey().register(new AuthDynamicFeature(new BearerTokenFilter(new TokenAuthenticator(
                config.getAuth().build(config.effectiveJwtSecret(), config.getSupabase()),
                config.getAuth().adminRoles(directory), emailClaims), new AdminAuthorizer())));
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(ExpertPrincipal.class));
        environment.jersey().register(RolesAllowedDynamicFeature.class);
        environment.getApplicationContext().insertHandler(new ExactOriginCorsHandler(config.effectiveAllowedOrigins()));
    }

    /** Typed parameters and the checks every request body passes (docs/DESIGN.md, The input layer). */
    private static void inputLayer(ExpertConfiguration config, Environment environment, Clock clock) {
        environment.jersey().register(new ParamConverters());
        environment.jersey().register(new RequestBodyChecks(environment.getValidator(),
                config.getLimits().getMaxTextCharacters(), clock));
    }

    /** Saves (group commit), chat history and feedback. */
    private static void conversations(ExpertConfiguration config, Jdbi jdbi, Environment environment, Clock clock) {
        SaveBatcher saves = SaveBatcher.withDefaults(new JdbiTurnStore(jdbi),
                SaveBatcher.Metrics.in(environment.metrics()));
        environment.lifecycle().manage(saves);
        environment.jersey().register(new ConversationResource(
                new ConversationService(new JdbiChatStore(jdbi), environment.getObjectMapper(), clock, saves,
                        config.getLanguages().build()), new ChatHistory(new JdbiChatReads(jdbi)),
                new FeedbackService(new JdbiFeedbackStore(jdbi))));
    }

    /** Sending invitations (Supabase Auth or the local outbox) and accepting them. */
    private static void invitations(ExpertConfiguration config, Directory directory, Jdbi jdbi,
                                    InvitationStatsService invitationStats, Environment environment, Clock clock) {
        byte[] invitationKey = config.effectiveSecretKey().getBytes(StandardCharsets.UTF_8);
        InvitationsFactory invitations = config.getInvitations();
        InvitationChannel channel = invitations.buildChannel(config.getSupabase(), directory.supabaseClient(), jdbi,
                new TokenHmac(invitationKey), config.getLimits().invitationValidity(), clock);
        InvitationSender sender = new InvitationSender(new JdbiSentInvitationStore(jdbi), channel,
                invitations.senderSettings(config.getLimits().invitationValidity()), clock);
        environment.lifecycle().manage(sender);
        environment.jersey().register(new InvitationResource(new InvitationService(new JdbiInvitationStore(jdbi),
                invitationKey, config.getLimits().invitationValidity(), clock), sender, invitationStats));
        environment.jersey().register(new InvitationAcceptanceResource(new InvitationAcceptance(
                new JdbiInvitationAcceptanceStore(jdbi), channel)));
    }

    /** The dashboard and the questions list, read from the read node when there is one. */
    private static DashboardService statistics(ExpertConfiguration config, ReadReplicaFactory.Reads reads,
                                               CachingUserDirectory directory, InvitationStatsService invitationStats,
                                               HealthService health, Environment environment, Clock clock) {
        StatsFactory stats = config.getStats();
        DashboardService dashboard = new DashboardService(new RollupDashboard(reads.database()), directory,
                new OpenAiCosts(stats.getOpenaiPrices()), stats.getPlanPrices(),
                new SystemStatsSource(environment.metrics(), new DashboardStats.FeaturesEnabled(true, false, true,
                        config.getOpenai().isConfigured())),
                stats.dashboardCacheTtl(), clock);
        environment.jersey().register(new StatsResource(dashboard,
                new QuestionsService(reads.database(), directory, clock), invitationStats, health));
        return dashboard;
    }

    /** The requests a new instance sends itself once Jetty has started, before health says ready. */
    private static WarmUp warmUp(ExpertConfiguration config, Environment environment) {
        WarmUp warmUp = new WarmUp(() -> ApiDescription.rootPath(environment.jersey().getUrlPattern()),
                config.getWarmUp().getRounds(),
                config.getWarmUp().getWithin(), user -> {
                    try {
                        return DevelopmentTokens.mint(config.effectiveJwtSecret(),
                                config.getAuth().tokenIssuer(config.getSupabase()), user, null, Duration.ofMinutes(1),
                                Instant.now());
                    } catch (Exception e) {
                        return null; // no JWT secret to sign with: the authenticated requests go without a token
                    }
                });
        environment.lifecycle().addServerLifecycleListener(warmUp);
        return warmUp;
    }

    /**
     * A background job on a daemon thread of its own (threadName, e.g. "x-%d"): scheduled when the server starts, so
     * that commands that build the application without starting it (restore) run none; Dropwizard shuts the executor
     * down at stop, letting a running job finish.
     */
    private static void scheduleOnStart(Environment environment, String threadName,
                                        Consumer<ScheduledExecutorService> schedule) {
        ScheduledExecutorService executor = environment.lifecycle().scheduledExecutorService(threadName, true).build();
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                schedule.accept(executor);
            }
        });
    }

    /** Rollup folding and compaction, and the admin tasks (admin port), on the maintenance Jdbi. */
    private static void tasks(ExpertConfiguration config, Jdbi maintenance, Directory directory,
                              DashboardService dashboard, Environment environment, Clock clock) {
        StatsFactory stats = config.getStats();
        RollupRefresher rollups = new RollupRefresher(new JdbiRollupStore(maintenance), clock);
        registerTask(environment, config, new RefreshStatsTask(rollups));
        RollupCompaction compaction = new RollupCompaction(rollups, stats.compactionInterval(), stats.foldInterval(),
                RollupRunMetrics.in(environment.metrics(), "rollups.fold", clock),
                RollupRunMetrics.in(environment.metrics(), "rollups.compaction", clock));
        scheduleOnStart(environment, "rollup-compaction-%d", compaction::scheduleOn);
        long foldMillis = stats.foldInterval().toMillis();
        if (foldMillis > 0) {
            GinPendingListFlush flush = new GinPendingListFlush(maintenance);
            scheduleOnStart(environment, "gin-pending-list-flush-%d", executor ->
                    executor.scheduleWithFixedDelay(flush, foldMillis, foldMillis, TimeUnit.MILLISECONDS));
        }
        CachingUserDirectory cached = directory.cached();
        UserIdRepairService repairs = new UserIdRepairService(new JdbiUserIdRepairStore(maintenance), cached);
        registerTask(environment, config, new FixUserIdTask(repairs));
        registerTask(environment, config, new UndoUserIdFixTask(repairs));
        registerTask(environment, config, new UserIdAuditTask(new UserIdAuditService(
                new JdbiOrphanAuditReads(maintenance), cached)));
        registerTask(environment, config, new ClearCachesTask(dashboard, cached));
        SupabaseFactory supabase = config.getSupabase();
        registerTask(environment, config, new CreateSupabaseUserTask(directory.supabaseClient() != null
                ? new SupabaseUserCreator(new SupabaseAuthAdmin(directory.supabaseClient(), supabase.getUrl(),
                        supabase.getServiceKey()))
                : new LocalAccountCreator(directory.local()), cached));
        registerTask(environment, config, new FrameworkTask(new GarbageCollectionTask(), "no parameters"));
        registerTask(environment, config, new FrameworkTask(new LogConfigurationTask(),
                "logger=NAME (repeatable), level=TRACE|DEBUG|INFO|WARN|ERROR|OFF, duration=ISO-8601 such as PT10M"));
    }

    /** JSON errors everywhere: Jersey's mappers, Jetty's own errors on both ports, the request id in 5xx bodies. */
    private static void errors(ExpertConfiguration config, Environment environment) {
        environment.jersey().register(new JsonInputExceptionMapper());
        environment.jersey().register(new ClientErrorMapper());
        environment.jersey().register(new AdminRoleUnknownMapper());
        environment.jersey().register(new DatabaseUnavailableMapper());
        environment.jersey().register(new ServerErrorMapper());
        environment.jersey().register(new RequestIdInServerErrors());
        environment.servlets().addFilter("request-id", new RequestIds())
                .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        environment.getApplicationContext().setErrorHandler(new JsonErrorHandler("no such path on this server: the"
                + " API's paths are listed in README (under /api/v1 by default)"));
        environment.getAdminContext().setErrorHandler(new JsonErrorHandler("no such path or task on the admin port:"
                + " tasks are POST /tasks/<name> (README lists them), checks are GET /healthcheck"));
        environment.servlets().addServlet("not-found", new NotFoundServlet()).addMapping("/");
        environment.admin().addFilter("json-errors", new BodilessErrorFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.lifecycle().addEventListener(config.getLimits().jettyEdge());
    }

    /**
     * An external database is migrated by {@code db migrate} (the pre-deploy job), never by the server; on a database
     * that lacks migrations every save would fail, so the server does not start. When the check itself cannot run
     * (PostgreSQL unreachable), the start goes on and reports that instead.
     */
    private static void refuseAnUnmigratedDatabase(DataSource dataSource) {
        List<String> pending;
        try {
            pending = new SchemaInspector(dataSource).pendingChangeSets();
        } catch (Exception e) {
            // the start that follows reports an unreachable database as such
            LoggerFactory.getLogger(ExpertApplication.class)
                    .debug("Could not check the database's migrations at start-up: {}", e.toString());
            return;
        }
        if (!pending.isEmpty()) {
            throw new CommandFailure(pending.size() + " changeSets of migrations.xml have not been applied to this"
                    + " database (the first: " + pending.get(0) + "), so the service would fail on it",
                    "take a backup, then run: java -jar intelia-expert.jar db migrate config.yml");
        }
    }

    /** Admin tasks answer JSON on the admin port; beyond localhost they require ADMIN_TOKEN. */
    private static void registerTask(Environment environment, ExpertConfiguration config, AdminTask<?> task) {
        environment.admin().addServlet(task.name(), new AdminTaskServlet(task, environment.getObjectMapper(),
                config.getAdminToken(), !config.adminPortIsLocal())).addMapping("/tasks/" + task.name());
    }

    private static String version() {
        String version = ExpertApplication.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
