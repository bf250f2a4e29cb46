package com.intelia.expert.cli;

import com.intelia.expert.db.Jdbis;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.backup.BackupTables;
import com.intelia.expert.migrations.DatabaseMigrator;
import com.intelia.expert.backup.RestoreTarget;
import com.intelia.expert.backup.TableCopier;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * {@code restore config.yml FILE}: loads a backup into a database of the same shape (legacy or migrated) in one
 * transaction, by column name, checking every table's row count and checksum, and rebuilds the statistics rollups
 * before committing; refuses a database that already holds rows unless told to replace them. A database without
 * any of the service's tables gets the current schema first.
 */
public class RestoreCommand extends ConfiguredCommand<ExpertConfiguration> {

    private static final String USAGE = "restore config.yml FILE [--replace]";

    public RestoreCommand() {
        super("restore", "Load a file written by backup into the database, verified, all or nothing");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("backup").nargs("?").help("file written by the backup command");
        subparser.addArgument("--replace").dest("replace").action(Arguments.storeTrue())
                .help("delete the rows the database already holds in these tables first");
        FailureReport.addVerboseFlag(subparser);
    }

    /** Names a missing backup file before anything is read or started. */
    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        if (namespace.getString("file") != null && namespace.getString("backup") == null) {
            throw FailureReport.missingArgument("FILE (the backup file to restore)", USAGE);
        }
        super.run(bootstrap, namespace);
    }

    /** Set once this run created the schema in an empty database, so that a later failure does not claim otherwise. */
    private boolean schemaCreated;

    @Override
    protected void run(Bootstrap<ExpertConfiguration> bootstrap, Namespace namespace, ExpertConfiguration config)
            throws Exception {
        Path file = Path.of(namespace.getString("backup"));
        boolean replace = namespace.getBoolean("replace");
        ManagedDataSource dataSource = config.getPostgres().dataSourceFactory()
                .build(bootstrap.getMetricRegistry(), "restore");
        try {
            Jdbi jdbi = Jdbis.create(dataSource);
            if (jdbi.withHandle(handle -> new RestoreTarget(handle).ownedTables().isEmpty())) {
                System.err.println("restore: the database has none of the service's tables; creating them (db migrate)");
                DatabaseMigrator.migrate(dataSource);
                schemaCreated = true;
            }
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                 BufferedReader in = new BufferedReader(new InputStreamReader(gunzipIfNeeded(raw), StandardCharsets.UTF_8),
                         1 << 16)) {
                jdbi.useTransaction(handle -> restore(new RestoreTarget(handle),
                        new TableCopier(handle.getConnection(), ProgressBar.perTable(System.err)), in, replace));
            }
            System.out.println("Restore of " + file + " committed");
        } finally {
            dataSource.stop();
        }
    }

    private static void restore(RestoreTarget target, TableCopier copier, BufferedReader in, boolean replace)
            throws Exception {
        TableCopier.Incoming incoming = copier.readColumns(in, BackupTables.TABLES);
        Map<String, Long> held = target.tablesWithRows();
        if (!held.isEmpty() && !replace) {
            throw new CommandFailure("the database is not empty: " + String.join(", ",
                    held.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " rows)").toList()),
                    "restore into an empty database, or pass --replace to replace those rows");
        }
        if (replace) {
            target.empty();
        }
        List<TableCopier.TableResult> results = copier.restore(in, incoming, BackupTables.TABLES);
        for (TableCopier.TableResult result : results) {
            System.out.printf("%-20s %,12d rows  verified%n", result.table(), result.rows());
        }
        if (target.rebuildRollups()) {
            System.out.println("Statistics rollups rebuilt from the restored conversations");
        }
    }

    private static InputStream gunzipIfNeeded(InputStream in) throws java.io.IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in) : in;
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        boolean started = namespace.getString("file") != null && namespace.getString("backup") != null;
        String label = !started ? "restore"
                : schemaCreated ? "restore failed; the schema it created first (db migrate) stays, with no rows"
                : "restore failed, nothing was changed";
        FailureReport.print(cli, namespace, label, e, getConfiguration());
    }
}
