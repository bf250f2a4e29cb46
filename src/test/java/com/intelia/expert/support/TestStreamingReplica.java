package com.intelia.expert.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL 17 primary of its own and a real streaming standby of it (hot standby, WAL streamed over the
 * replication protocol through a physical slot), both run by the suite's zonky binaries, as a DigitalOcean read-only
 * node follows its cluster. The primary is its own, not the suite's shared server, so that the copy holds one
 * database and stopping the standby or pausing its replay touches no other test.
 * <p>
 * zonky ships initdb, pg_ctl and postgres but not pg_basebackup, and a system pg_basebackup of another major version
 * refuses the server ("incompatible server version"), so the base backup is taken the way PostgreSQL documents as
 * its low-level API: {@code pg_backup_start}, a copy of the data directory (without what pg_basebackup leaves out),
 * {@code pg_backup_stop} whose label becomes backup_label; then standby.signal, primary_conninfo and
 * primary_slot_name, as {@code pg_basebackup -R -S} writes them. As root the standby runs under {@code unshare -U},
 * as zonky runs its own servers. initdb's pg_hba.conf (zonky runs it with {@code -A trust}) already lets local
 * replication connections in, and wal_level replica and max_wal_senders 10 are PostgreSQL's defaults.
 */
public final class TestStreamingReplica implements AutoCloseable {

    private static final String SLOT = "test_standby";
    /** What pg_basebackup leaves out of a base backup: server state that the standby must not start with. */
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "pg_internal.init", "backup_label", "tablespace_map", "standby.signal", "recovery.signal");
    private static final Set<String> EMPTIED_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp",
            "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    private final Path directory;
    private final EmbeddedPostgres primary;
    private final Path binaries;
    private final Path standbyData;
    private final int standbyPort;
    private boolean standbyRunning;

    private TestStreamingReplica(Path directory, EmbeddedPostgres primary, Path binaries, int standbyPort) {
        this.directory = directory;
        this.primary = primary;
        this.binaries = binaries;
        this.standbyData = directory.resolve("standby");
        this.standbyPort = standbyPort;
    }

    /** Starts the primary, takes the base backup, starts the standby and waits until it has replayed it all. */
    public static TestStreamingReplica start() {
        try {
            Path directory = Files.createTempDirectory("streaming-replica-");
            EmbeddedPostgres primary = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("primary"))
                    .start();
            TestStreamingReplica replication = new TestStreamingReplica(directory, primary,
                    binariesOf(directory.resolve("primary")), Pause.freePort());
            replication.baseBackup();
            replication.startStandby();
            replication.awaitReplayed();
            return replication;
        } catch (IOException e) {
            throw new UncheckedIOException("the streaming replica did not start", e);
        }
    }

    public int primaryPort() {
        return primary.getPort();
    }

    public int standbyPort() {
        return standbyPort;
    }

    /** The primary's database {@code postgres}, which the test migrates and the service writes to. */
    public DataSource primary() {
        return primary.getPostgresDatabase();
    }

    /** The same database on the standby (read-only). */
    public DataSource standby() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {standbyPort});
        dataSource.setDatabaseName("postgres");
        dataSource.setUser("postgres");
        dataSource.setConnectTimeout(2);
        return dataSource;
    }

    /** Waits until the standby has replayed every WAL record the primary had written when called. */
    public void awaitReplayed() {
        String lsn = text(primary(), "SELECT pg_current_wal_lsn()::text");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if ("true".equals(text(standby(), "SELECT coalesce(pg_last_wal_replay_lsn() >= '" + lsn
                        + "'::pg_lsn, false)::text"))) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // the standby is still starting up
            }
            Pause.sleep(50);
        }
        throw new IllegalStateException("the standby did not replay up to " + lsn + " within 30 s; its log: "
                + standbyLog());
    }

    /** Stops applying WAL on the standby (it still receives it): its data stays as it is now. */
    public void pauseReplay() {
        text(standby(), "SELECT pg_wal_replay_pause()::text");
    }

    public void resumeReplay() {
        text(standby(), "SELECT pg_wal_replay_resume()::text");
    }

    /** A fast shutdown of the standby: its connections are closed, new ones refused. */
    public void stopStandby() {
        pgCtl("-D", standbyData.toString(), "stop", "-m", "fast", "-w", "-t", "30");
        standbyRunning = false;
    }

    /** Starts the standby again on its port; it resumes streaming from its slot. */
    public void startStandby() {
        pgCtl("-D", standbyData.toString(), "-l", directory.resolve("standby.log").toString(), "-w", "-t", "60",
                "-o", "-p " + standbyPort + " -F -c listen_addresses=localhost -c max_connections=300", "start");
        standbyRunning = true;
    }

    /**
     * From now on the standby refuses every new client connection (a pg_hba.conf of reject lines, reloaded), as a node
     * out of connection slots does, and it ends the open connections whose application_name is given; every other
     * open connection stays. {@link #acceptNewConnections} undoes it.
     */
    public void refuseNewConnections(String applicationName) {
        restrictNewConnections("local all all reject\nhost all all all reject\n",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                        + applicationName.replace("'", "''") + "'");
    }

    /**
     * New TCP connections to the standby must authenticate with a password (scram-sha-256), which no role has:
     * PostgreSQL refuses any with SQLSTATE 28P01, as a read node does a wrong POSTGRES_READ_PASSWORD. Undone by
     * {@link #acceptNewConnections}.
     */
    public void requirePassword() {
        restrictNewConnections("local all all trust\nhost all all all scram-sha-256\n", "SELECT 1");
    }

    /** The standby's pg_hba.conf becomes {@code hba} (the old one kept), reloaded; then {@code thenSql} runs there. */
    private void restrictNewConnections(String hba, String thenSql) {
        Path file = standbyData.resolve("pg_hba.conf");
        try (Connection connection = standby().getConnection(); Statement statement = connection.createStatement()) {
            Files.copy(file, standbyData.resolve("pg_hba.conf.accepting"));
            Files.writeString(file, hba, StandardCharsets.UTF_8);
            statement.execute("SELECT pg_reload_conf()");
            awaitNewConnections(false);
            statement.execute(thenSql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The standby accepts new connections again, as before {@link #refuseNewConnections}. */
    public void acceptNewConnections() {
        try {
            Files.move(standbyData.resolve("pg_hba.conf.accepting"), standbyData.resolve("pg_hba.conf"),
                    StandardCopyOption.REPLACE_EXISTING);
            pgCtl("-D", standbyData.toString(), "reload");
            awaitNewConnections(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitNewConnections(boolean accepted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Connection ignored = standby().getConnection()) {
                if (accepted) {
                    return;
                }
            } catch (SQLException refused) {
                if (!accepted) {
                    return;
                }
            }
            Pause.sleep(50);
        }
        throw new IllegalStateException("the standby did not " + (accepted ? "accept" : "refuse")
                + " new connections within 10 s");
    }

    /** A value from the standby, e.g. what pg_stat_activity shows. */
    public String standbyValue(String sql) {
        return text(standby(), sql);
    }

    private void baseBackup() throws IOException {
        Path primaryData = directory.resolve("primary");
        try (Connection connection = primary().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            statement.execute("SELECT pg_backup_start('test standby', true)");
            copy(primaryData, standbyData);
            try (ResultSet stop = statement.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                stop.next();
                Files.writeString(standbyData.resolve("backup_label"), stop.getString(1), StandardCharsets.UTF_8);
                String tablespaces = stop.getString(2);
                if (tablespaces != null && !tablespaces.isEmpty()) {
                    Files.writeString(standbyData.resolve("tablespace_map"), tablespaces, StandardCharsets.UTF_8);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the base backup failed", e);
        }
        Files.createFile(standbyData.resolve("standby.signal"));
        Files.writeString(standbyData.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=localhost port="
                + primary.getPort() + " user=postgres application_name=" + SLOT + "'\nprimary_slot_name = '" + SLOT
                + "'\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.setPosixFilePermissions(standbyData, PosixFilePermissions.fromString("rwx------"));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.toList()) {
                Path target = to.resolve(entry.getFileName().toString());
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry)) {
                    if (EMPTIED_DIRECTORIES.contains(name)) {
                        Files.createDirectories(target);
                        if (name.equals("pg_wal")) {
                            Files.createDirectories(target.resolve("archive_status"));
                        }
                    } else {
                        copy(entry, target);
                    }
                } else if (!SKIPPED_FILES.contains(name)) {
                    try {
                        Files.copy(entry, target);
                    } catch (NoSuchFileException removedMeanwhile) {
                        // a temporary file the server removed during the copy: WAL replay does without it
                    }
                }
            }
        }
    }

    /** zonky's bin directory, as the running primary's postmaster was started from it. */
    private static Path binariesOf(Path data) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        String command = ProcessHandle.of(pid).flatMap(process -> process.info().command())
                .orElseThrow(() -> new IllegalStateException("cannot tell where the primary's postgres runs from"));
        return Path.of(command).getParent();
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binaries.resolve("pg_ctl").toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + String.join(" ", arguments) + " failed: " + output
                        + "\nthe standby's log: " + standbyLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running pg_ctl", e);
        }
    }

    private String standbyLog() {
        try {
            return Files.readString(directory.resolve("standby.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(none)";
        }
    }

    private static String text(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (standbyRunning) {
            stopStandby();
        }
        primary.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
