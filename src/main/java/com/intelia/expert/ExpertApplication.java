package com.intelia.expert;

import com.intelia.expert.cli.BackupCommand;
import com.intelia.expert.cli.DoctorCommand;
import com.intelia.expert.cli.RestoreCommand;
import com.intelia.expert.cli.TokenCommand;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.config.PostgresFactory;
import com.intelia.expert.config.YamlSafeEnvironmentSubstitutor;
import com.intelia.expert.db.DatabaseMigrator;
import com.intelia.expert.db.PostgresProbe;
import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.health.HealthService;
import com.intelia.expert.health.PostgresHealthCheck;
import com.intelia.expert.resources.HealthResource;
import com.intelia.expert.resources.JsonErrorHandler;
import com.intelia.expert.resources.JsonInputExceptionMapper;
import com.intelia.expert.auth.ExactOriginCorsHandler;
import com.intelia.expert.auth.EmailClaimRecorder;
import com.intelia.expert.auth.ExpertPrincipal;
import com.intelia.expert.auth.JsonUnauthorizedHandler;
import com.intelia.expert.auth.TokenAuthenticator;
import com.intelia.expert.core.ConversationService;
import com.intelia.expert.core.FeedbackService;
import com.intelia.expert.core.InvitationService;
import com.intelia.expert.resources.ConversationResource;
import com.intelia.expert.stats.RollupRefresher;
import com.intelia.expert.tasks.AdminTask;
import com.intelia.expert.tasks.AdminTaskServlet;
import com.intelia.expert.tasks.RefreshStatsTask;
import com.intelia.expert.resources.InvitationResource;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import java.nio.charset.StandardCharsets;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.migrations.MigrationsBundle;

import java.time.Clock;
import java.time.Duration;
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

    @Override
    public void initialize(Bootstrap<ExpertConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(),
                new YamlSafeEnvironmentSubstitutor(environmentVariables)));
        bootstrap.addCommand(new BackupCommand());
        bootstrap.addCommand(new RestoreCommand());
        bootstrap.addCommand(new DoctorCommand());
        bootstrap.addCommand(new TokenCommand());
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DataSourceFactory getDataSourceFactory(ExpertConfiguration configuration) {
                return configuration.getPostgres().dataSourceFactory();
            }
        });
    }

    @Override
    public void run(ExpertConfiguration config, Environment environment) {
        PostgresFactory postgres = config.getPostgres();
        DataSourceFactory dataSourceFactory = postgres.dataSourceFactory();
        if (postgres.isEmbedded()) {
            environment.lifecycle().manage(new Managed() {
                @Override
                public void stop() throws Exception {
                    postgres.getEmbedded().start().close();
                }
            });
        }
        ManagedDataSource dataSource = dataSourceFactory.build(environment.metrics(), "postgresql");
        environment.lifecycle().manage(dataSource);
        if (postgres.isEmbedded()) {
            DatabaseMigrator.migrate(dataSource);
        }

        PostgresProbe postgresProbe = new PostgresProbe(dataSource,
                Duration.ofMillis(postgres.getHealthTimeout().toMilliseconds()));
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                postgresProbe.close();
            }
        });
        environment.healthChecks().register("postgresql", new PostgresHealthCheck(postgresProbe));

        HealthService health = new HealthService(postgresProbe::check,
                () -> DatabaseStatus.notConfigured("Supabase is not wired into this build yet; profiles are not checked"),
                version(), Clock.systemUTC());
        environment.jersey().register(new HealthResource(health));

        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        EmailClaimRecorder emailClaims = new EmailClaimRecorder(jdbi, Duration.ofHours(1));
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() throws Exception {
                emailClaims.close();
            }
        });
        environment.jersey().register(new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<ExpertPrincipal>()
                .setAuthenticator(new TokenAuthenticator(config.getAuth().build(config.effectiveJwtSecret(), config.getSupabase()), emailClaims))
                .setPrefix("Bearer")
                .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                .buildAuthFilter()));
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(ExpertPrincipal.class));
        environment.getApplicationContext().insertHandler(new ExactOriginCorsHandler(config.effectiveAllowedOrigins()));

        Clock clock = Clock.systemUTC();
        environment.jersey().register(new ConversationResource(
                new ConversationService(jdbi, environment.getObjectMapper(), config.getLimits().getMaxTextCharacters(), clock),
                new FeedbackService(jdbi)));
        environment.jersey().register(new InvitationResource(new InvitationService(jdbi,
                config.effectiveSecretKey().getBytes(StandardCharsets.UTF_8), config.getLimits().invitationValidity(), clock)));

        registerTask(environment, config, new RefreshStatsTask(new RollupRefresher(jdbi, clock)));

        environment.jersey().register(new JsonInputExceptionMapper());
        environment.getApplicationContext().setErrorHandler(new JsonErrorHandler());
        environment.getAdminContext().setErrorHandler(new JsonErrorHandler());
    }

    /** Admin tasks answer JSON on the admin port; beyond localhost they require ADMIN_TOKEN. */
    private static void registerTask(Environment environment, ExpertConfiguration config, AdminTask task) {
        environment.admin().addServlet(task.name(), new AdminTaskServlet(task, environment.getObjectMapper(),
                config.getAdminToken(), !config.adminPortIsLocal())).addMapping("/tasks/" + task.name());
    }

    private static String version() {
        String version = ExpertApplication.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
