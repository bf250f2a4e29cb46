package com.intelia.expert.cli;

import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.db.BackupTables;
import com.intelia.expert.db.DatabaseMigrator;
import com.intelia.expert.db.TableCopier;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * {@code restore config.yml FILE}: loads a backup in one transaction, checking every table's row
 * count and checksum; refuses a database that already holds rows unless told to replace them.
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

    @Override
    protected void run(Bootstrap<ExpertConfiguration> bootstrap, Namespace namespace, ExpertConfiguration config)
            throws Exception {
        Path file = Path.of(namespace.getString("backup"));
        boolean replace = namespace.getBoolean("replace");
        ManagedDataSource dataSource = config.getPostgres().dataSourceFactory()
                .build(bootstrap.getMetricRegistry(), "restore");
        try {
            DatabaseMigrator.migrate(dataSource);
            try (Connection connection = dataSource.getConnection();
                 InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                 BufferedReader in = new BufferedReader(new InputStreamReader(gunzipIfNeeded(raw), StandardCharsets.UTF_8),
                         1 << 16)) {
                connection.setAutoCommit(false);
                try {
                    restore(connection, in, replace);
                    connection.commit();
                } catch (Exception e) {
                    connection.rollback();
                    throw e;
                }
                System.out.println("Restore of " + file + " committed");
            }
        } finally {
            dataSource.stop();
        }
    }

    private static void restore(Connection connection, BufferedReader in, boolean replace) throws Exception {
        TableCopier copier = new TableCopier(connection, System.err);
        List<String> nonEmpty = new ArrayList<>();
        for (String table : BackupTables.TABLES) {
            long rows = copier.count(table);
            if (rows > 0) {
                nonEmpty.add(table + " (" + rows + " rows)");
            }
        }
        if (!nonEmpty.isEmpty() && !replace) {
            throw new CommandFailure("the database is not empty: " + String.join(", ", nonEmpty),
                    "restore into an empty database, or pass --replace to replace those rows");
        }
        if (replace) {
            connection.createStatement().execute("TRUNCATE " + String.join(", ", BackupTables.TABLES));
        }
        List<TableCopier.TableResult> results = copier.restore(in, BackupTables.TABLES);
        for (TableCopier.TableResult result : results) {
            System.out.printf("%-16s %,12d rows  verified%n", result.table(), result.rows());
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
        FailureReport.print(cli, namespace, started ? "restore failed, nothing was changed" : "restore", e,
                getConfiguration());
    }
}
