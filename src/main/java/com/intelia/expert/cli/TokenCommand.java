package com.intelia.expert.cli;

import com.intelia.expert.auth.DevelopmentTokens;
import com.intelia.expert.db.JdbiLocalProfileStore;
import com.intelia.expert.db.Jdbis;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.migrations.DatabaseMigrator;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code token config.yml --user UUID}: outside production, mints an access token shaped like Supabase's,
 * signed with JWT_SECRET, for trying the API by hand. Admin rights come from the user's profile; --admin
 * sets it in the local user directory. Standard output carries the token alone, so that
 * {@code TOKEN=$(java -jar intelia-expert.jar token config.yml --user UUID)} works: logs, the migration's progress
 * (--admin) and failures go to standard error.
 */
public class TokenCommand extends ConfiguredCommand<ExpertConfiguration> {

    /** Standard output as it was when the command started; System.out is standard error while it runs. */
    private PrintStream tokenOut = System.out;

    public TokenCommand() {
        super("token", "Mint a development access token for a user (not in production)");
    }

    /**
     * Runs the command with System.out pointing at standard error: the configuration's warnings, the log appenders
     * (which write to System.out, looked up on each write) and Liquibase's progress all print there. Logging is
     * stopped, and its queue written, before super.run returns.
     */
    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        tokenOut = System.out;
        System.setOut(System.err);
        try {
            super.run(bootstrap, namespace);
        } finally {
            System.setOut(tokenOut);
        }
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--user").dest("user").required(true).help("the user's UUID (the token's sub)");
        subparser.addArgument("--email").dest("email").help("e-mail claim (default: <user>@example.com)");
        subparser.addArgument("--admin").dest("admin").action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
                .help("make the user an admin in the local user directory first (only without SUPABASE_URL)");
        subparser.addArgument("--hours").dest("hours").type(Integer.class).setDefault(12).help("validity in hours");
        FailureReport.addVerboseFlag(subparser);
    }

    @Override
    protected void run(Bootstrap<ExpertConfiguration> bootstrap, Namespace namespace, ExpertConfiguration config)
            throws Exception {
        if (config.isProduction()) {
            throw new CommandFailure("tokens are minted only outside production",
                    "production tokens come from Supabase: sign in through the frontend");
        }
        UUID user;
        try {
            user = UUID.fromString(namespace.getString("user"));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("--user is not a UUID", "pass the user's id, e.g. --user " + UUID.randomUUID());
        }
        String email = namespace.getString("email") != null ? namespace.getString("email") : user + "@example.com";
        if (namespace.getBoolean("admin")) {
            makeAdmin(bootstrap, config, user, email);
        }
        tokenOut.println(DevelopmentTokens.mint(config.effectiveJwtSecret(),
                config.getAuth().tokenIssuer(config.getSupabase()), user, email,
                Duration.ofHours(namespace.getInt("hours")), Instant.now()));
    }

    /** Admin rights come from the profile; with the local directory this command can set it. */
    private static void makeAdmin(Bootstrap<ExpertConfiguration> bootstrap, ExpertConfiguration config, UUID user,
                                  String email) {
        if (config.getSupabase().isConfigured()) {
            throw new CommandFailure("--admin works only with the local user directory",
                    "with Supabase, set user_type to admin in the user's public.users row");
        }
        ManagedDataSource dataSource = config.getPostgres().dataSourceFactory()
                .build(bootstrap.getMetricRegistry(), "token");
        try {
            DatabaseMigrator.migrate(dataSource);
            LocalUserDirectory directory = new LocalUserDirectory(
                    new JdbiLocalProfileStore(Jdbis.create(dataSource)));
            Profile current = directory.lookup(user).foundProfile()
                    .orElse(new Profile(user, email, null, null, "user", null));
            directory.save(new Profile(user, current.email(), current.firstName(), current.lastName(), "admin",
                    current.plan()));
        } finally {
            try {
                dataSource.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        FailureReport.print(cli, namespace, "token", e, getConfiguration());
    }
}
