package com.intelia.expert.postgres;

import io.dropwizard.lifecycle.Managed;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real PostgreSQL 17 that development runs on when no POSTGRES_HOST is given. Data stays in its
 * directory across restarts, writes are durable (fsync and synchronous_commit on), and a PostgreSQL
 * left behind by an unclean stop of the service is stopped before a new one starts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable, Managed {

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";
    /** The lock file of io.zonky's EmbeddedPostgres in the data directory. */
    private static final String LOCK_FILE = "epg-lock";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final int port;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, int port, Path dataDirectory) {
        this.postgres = postgres;
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Duration startupTimeout) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        requireUserNamespacesWhenRoot();
        try {
            Files.createDirectories(directory);
            if (ownedByAnotherProcess(directory)) {
                LOG.info("The embedded PostgreSQL in {} is run by another process (a running service);"
                        + " connecting to it on port {}", directory, port);
                return new EmbeddedPostgresServer(null, port, directory);
            }
            stopLeftoverPostmaster(directory);
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(startupTimeout)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .start();
            LOG.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", port, directory,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new EmbeddedPostgresServer(postgres, port, directory);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The embedded PostgreSQL could not start with data in " + directory
                    + " on port " + port + ": " + rootMessage(e)
                    + ". Check that the port is free and the directory is writable, or set POSTGRES_HOST"
                    + " to use an external PostgreSQL.", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** As a part of the server's lifecycle: started when it was built, stopped ({@link #close}) when the server stops. */
    @Override
    public void stop() throws IOException {
        close();
    }

    /** Stops PostgreSQL, unless it belongs to another process that this one only connected to. */
    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    /**
     * The process that starts the embedded PostgreSQL holds a lock on its lock file for as long as it
     * lives; a lock that can be taken means whatever PostgreSQL still runs there was left behind.
     */
    private static boolean ownedByAnotherProcess(Path directory) throws IOException {
        Path lockFile = directory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /**
     * As root, the embedded PostgreSQL runs inside {@code unshare -U}; where user namespaces are blocked
     * it would fail with the cause logged only at INFO, so say it plainly before trying.
     */
    private static void requireUserNamespacesWhenRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        boolean allowed;
        try {
            Process probe = new ProcessBuilder("unshare", "-U", "true").redirectErrorStream(true).start();
            allowed = probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            allowed = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            allowed = false;
        }
        if (!allowed) {
            throw new IllegalStateException("The embedded PostgreSQL cannot start: PostgreSQL refuses to run as"
                    + " root, and this machine does not allow user namespaces ('unshare -U true' failed) to run it"
                    + " as another user. Run the service as a non-root user, or set POSTGRES_HOST to use an"
                    + " external PostgreSQL.");
        }
    }

    /** A postmaster.pid whose process still runs a postgres: the service died without stopping it. */
    private static void stopLeftoverPostmaster(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = readPid(pidFile);
        Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(EmbeddedPostgresServer::isPostgres);
        if (process.isEmpty()) {
            LOG.warn("Removing stale {} (no PostgreSQL runs under its pid)", pidFile);
            Files.deleteIfExists(pidFile);
            return;
        }
        LOG.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier run", pid.get(), directory);
        ProcessHandle postmaster = process.get();
        postmaster.destroy();
        try {
            postmaster.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("PostgreSQL (pid {}) did not stop in 15 s; killing it", pid.get());
            postmaster.destroyForcibly();
        }
        for (int i = 0; i < 50 && Files.exists(pidFile); i++) {
            sleep(100);
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("postgres")).orElse(false);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
