package com.intelia.expert.cli;

import com.intelia.expert.db.JdbiDemoDataStore;
import com.intelia.expert.db.JdbiFeedbackStore;
import com.intelia.expert.db.JdbiInvitationStore;
import com.intelia.expert.db.JdbiLocalProfileStore;
import com.intelia.expert.db.Jdbis;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.core.DemoData;
import com.intelia.expert.core.FeedbackService;
import com.intelia.expert.core.InvitationService;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.migrations.DatabaseMigrator;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * {@code seed-demo config.yml}: outside production, fills the database with demo data (see {@link DemoData}) so
 * that a newcomer sees a full dashboard. Migrates first; does nothing when the demo data is already there.
 */
public class SeedDemoCommand extends ConfiguredCommand<ExpertConfiguration> {

    public SeedDemoCommand() {
        super("seed-demo", "Fill the database with demo users, conversations and invitations (not in production)");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--days").dest("days").type(Integer.class).setDefault(90)
                .help("days of conversations to generate, ending today");
        FailureReport.addVerboseFlag(subparser);
    }

    @Override
    protected void run(Bootstrap<ExpertConfiguration> bootstrap, Namespace namespace, ExpertConfiguration config)
            throws Exception {
        if (config.isProduction()) {
            throw new CommandFailure("demo data is never written in production", "run seed-demo on a development database");
        }
        int days = namespace.getInt("days");
        if (days < 1 || days > 3650) {
            throw new CommandFailure("--days must be between 1 and 3650", "pass --days 90, for example");
        }
        ManagedDataSource dataSource = config.getPostgres().dataSourceFactory()
                .build(bootstrap.getMetricRegistry(), "seed-demo");
        try {
            DatabaseMigrator.migrate(dataSource);
            Jdbi jdbi = Jdbis.create(dataSource);
            Clock clock = Clock.systemUTC();
            DemoData demo = new DemoData(new JdbiDemoDataStore(jdbi),
                    new LocalUserDirectory(new JdbiLocalProfileStore(jdbi)),
                    new FeedbackService(new JdbiFeedbackStore(jdbi)),
                    new InvitationService(new JdbiInvitationStore(jdbi),
                            config.effectiveSecretKey().getBytes(StandardCharsets.UTF_8),
                            config.getLimits().invitationValidity(), clock));
            if (demo.present()) {
                System.out.println("Demo data is already present; nothing written.");
                return;
            }
            int conversations = demo.seed(days);
            System.out.printf("Demo data written: %,d conversations over %d days, admin user %s, orphan user_id %s%n",
                    conversations, days, DemoData.ADMIN, DemoData.ORPHAN);
        } finally {
            dataSource.stop();
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        FailureReport.print(cli, namespace, "seed-demo", e, getConfiguration());
    }
}
