package com.intelia.expert.cli;

import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.backup.BackupTables;
import com.intelia.expert.backup.TableCopier;
import com.intelia.expert.backup.TableSchema;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * {@code backup config.yml --out FILE}: every table the service owns that the database has, with all its columns,
 * from one consistent snapshot; works on a legacy database before db migrate, as the upgrade guide asks.
 */
public class BackupCommand extends ConfiguredCommand<ExpertConfiguration> {

    public BackupCommand() {
        super("backup", "Write all application tables to a file (COPY, with row counts and checksums)");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--out").dest("out").required(true)
                .help("file to write; compressed with gzip when it ends in .gz");
        FailureReport.addVerboseFlag(subparser);
    }

    @Override
    protected void run(Bootstrap<ExpertConfiguration> bootstrap, Namespace namespace, ExpertConfiguration config)
            throws Exception {
        Path file = Path.of(namespace.getString("out"));
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        ManagedDataSource dataSource = config.getPostgres().dataSourceFactory()
                .build(bootstrap.getMetricRegistry(), "backup");
        try (Connection connection = dataSource.getConnection()) {
            TableCopier.beginSnapshot(connection);
            List<String> tables = new TableSchema(connection).existing(BackupTables.TABLES);
            for (String table : BackupTables.TABLES) {
                if (!tables.contains(table)) {
                    System.err.println("backup: this database has no table " + table + "; skipped");
                }
            }
            List<TableCopier.TableResult> results;
            try (OutputStream raw = Files.newOutputStream(ownerOnly(partial));
                 OutputStream stream = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
                 Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
                results = new TableCopier(connection, ProgressBar.perTable(System.err)).backup(tables, out);
            }
            connection.rollback();
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            for (TableCopier.TableResult result : results) {
                System.out.printf("%-20s %,12d rows  sha256 %s%n", result.table(), result.rows(), result.sha256());
            }
            System.out.printf("Backup written to %s (%,d bytes)%n", file, Files.size(file));
        } finally {
            Files.deleteIfExists(partial);
            dataSource.stop();
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        FailureReport.print(cli, namespace, "backup", e, getConfiguration());
    }

    /**
     * The backup holds every user's conversations (and, before db migrate, the original's plain invitation tokens):
     * readable by its owner only, where the file system has POSIX permissions.
     */
    private static Path ownerOnly(Path file) throws java.io.IOException {
        Files.deleteIfExists(file);
        try {
            return Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(file);
        }
    }
}
