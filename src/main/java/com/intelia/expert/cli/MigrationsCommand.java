package com.intelia.expert.cli;

import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.migrations.DatabaseMigrator;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.migrations.DbCommand;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code db ...}: Dropwizard's migration commands as MigrationsBundle registers them, except that {@code db migrate}
 * in production first reminds the operator to take a backup (the guide's step before any schema change), runs
 * under the migration lock after the pre-flight checks (DatabaseMigrator), so that concurrent runs are serialized
 * and a run that would halt part-way changes nothing, and reports a failure as one block (see {@link FailureReport}).
 */
public class MigrationsCommand extends DbCommand<ExpertConfiguration> {

    public MigrationsCommand() {
        super("db", config -> config.getPostgres().dataSourceFactory(), ExpertConfiguration.class, "migrations.xml");
    }

    @Override
    protected void run(Bootstrap<ExpertConfiguration> bootstrap, Namespace namespace, ExpertConfiguration config)
            throws Exception {
        String subcommand = namespace.getString("subcommand");
        if (config.getPostgres().isTransactionPooled() && "migrate".equals(subcommand)) {
            // the migration lock and Liquibase's own need one server session; a transaction pooler swaps it underneath
            throw new CommandFailure("db " + subcommand + " needs a session of its own, and POSTGRES_POOL_MODE=transaction"
                    + " says this connection goes through a transaction pooler",
                    "run it on the direct port with POSTGRES_POOL_MODE=session (DigitalOcean: port 25060), e.g."
                            + " POSTGRES_PORT=25060 POSTGRES_POOL_MODE=session java -jar intelia-expert.jar db "
                            + subcommand + " config.yml");
        }
        boolean migrating = "migrate".equals(namespace.getString("subcommand"))
                && !Boolean.TRUE.equals(namespace.getBoolean("dry-run"));
        if (migrating && config.isProduction()) {
            System.out.println(backupHint(namespace.getString("file"), LocalDate.now(ZoneOffset.UTC)));
        }
        if (migrating) {
            ManagedDataSource lockSource = config.getPostgres().dataSourceFactory()
                    .build(bootstrap.getMetricRegistry(), "migration-lock");
            try {
                DatabaseMigrator.exclusively(lockSource, () -> super.run(bootstrap, namespace, config));
            } finally {
                lockSource.stop();
            }
        } else {
            super.run(bootstrap, namespace, config);
        }
    }

    static String backupHint(String configFile, LocalDate today) {
        return "Production database: take a backup first: java -jar intelia-expert.jar backup "
                + (configFile == null ? "config.yml" : configFile) + " --out backup-"
                + today.format(DateTimeFormatter.BASIC_ISO_DATE) + ".gz";
    }

    /**
     * DbCommand keeps its subcommands private; each of their parsers takes --verbose as well, except db status, whose
     * own --verbose (listing the pending changesets) has the same name and serves for both.
     */
    @Override
    public void configure(Subparser subparser) {
        SubcommandParsers.addedBy(super::configure, subparser).forEach((name, parser) -> {
            if (!name.equals("status")) {
                FailureReport.addVerboseFlag(parser);
            }
        });
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        FailureReport.print(cli, namespace, "db " + namespace.getString("subcommand"), e, getConfiguration());
    }
}
