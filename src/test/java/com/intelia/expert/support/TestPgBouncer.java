package com.intelia.expert.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PgBouncer in transaction mode in front of the suite's PostgreSQL, as DigitalOcean's pooler runs
 * (port 25061): each transaction may get any of a few server connections. It runs as a child process with
 * its own ini and user list in a temporary directory, listening on a free loopback port.
 */
public final class TestPgBouncer implements AutoCloseable {

    public static final int SERVER_POOL_SIZE = 4;

    private final Process process;
    private final Path directory;
    private final int port;

    private TestPgBouncer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /**
     * PgBouncer in front of the suite's PostgreSQL. Where it is not installed the calling test is skipped,
     * except in CI (CI=true), where a skipped test would hide that the pooler was never tested.
     */
    public static TestPgBouncer startOrSkip() {
        return startOrSkip(TestPostgres.server().getPort());
    }

    /** PgBouncer (transaction pooling) in front of the PostgreSQL on postgresPort; skipped as {@link #startOrSkip()}. */
    public static TestPgBouncer startOrSkip(int postgresPort) {
        Optional<Path> executable = executable();
        if (executable.isEmpty()) {
            String reason = "pgbouncer is not installed (apt-get install pgbouncer); the transaction pooler tests need it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + " and CI=true, where they must run (.ci/run installs it)");
            }
            Assumptions.abort(reason);
        }
        return start(executable.get(), postgresPort);
    }

    public int port() {
        return port;
    }

    private static Optional<Path> executable() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(":")) {
                candidates.add(Path.of(entry, "pgbouncer"));
            }
        }
        candidates.add(Path.of("/usr/sbin/pgbouncer"));
        candidates.add(Path.of("/usr/local/sbin/pgbouncer"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    private static TestPgBouncer start(Path executable, int postgresPort) {
        try {
            Path directory = Files.createTempDirectory("pgbouncer-");
            int port = Pause.freePort();
            Path users = directory.resolve("userlist.txt");
            Files.writeString(users, "\"postgres\" \"\"\n", StandardCharsets.UTF_8);
            Path ini = directory.resolve("pgbouncer.ini");
            Files.writeString(ini, String.join("\n",
                    "[databases]",
                    "* = host=127.0.0.1 port=" + postgresPort,
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "auth_type = trust",
                    "auth_file = " + users,
                    "pool_mode = transaction",
                    "default_pool_size = " + SERVER_POOL_SIZE,
                    "max_client_conn = 200",
                    "ignore_startup_parameters = extra_float_digits",
                    "logfile = " + directory.resolve("pgbouncer.log"),
                    ""), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // PgBouncer refuses to run as root; as the embedded PostgreSQL, it runs in a user namespace
                command.addAll(List.of("unshare", "-U"));
            }
            command.add(executable.toString());
            command.add(ini.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("stdout.log").toFile()).start();
            TestPgBouncer bouncer = new TestPgBouncer(process, directory, port);
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException("pgbouncer did not start", e);
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited (" + process.exitValue() + "): " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Pause.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("pgbouncer did not listen on port " + port + " within 10 s: " + log());
    }

    /** What PgBouncer logged, for failure messages. */
    public String log() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("stdout.log", "pgbouncer.log")) {
            Path file = directory.resolve(name);
            try {
                if (Files.exists(file)) {
                    text.append(Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                text.append("(").append(name).append(" unreadable)");
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
