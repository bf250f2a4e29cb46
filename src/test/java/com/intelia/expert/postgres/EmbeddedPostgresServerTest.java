package com.intelia.expert.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The development database: durable, kept across restarts, and recovered after an unclean stop. */
class EmbeddedPostgresServerTest {

    @TempDir
    Path directory;

    @Test
    void dataIsDurableAndSurvivesARestart() throws Exception {
        int port = freePort();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, port, Duration.ofSeconds(30))) {
            assertThat(query(server, "SHOW fsync")).isEqualTo("on");
            assertThat(query(server, "SHOW synchronous_commit")).isEqualTo("on");
            execute(server, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, port, Duration.ofSeconds(30))) {
            assertThat(query(server, "SELECT v FROM kept")).isEqualTo("still here");
        }
    }

    @Test
    void aPostgresLeftRunningByAKilledServiceIsStoppedAndTheDataKept() throws Exception {
        int port = freePort();
        Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedServerMain.class.getName(),
                directory.toString(), Integer.toString(port))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("READY")) {
                // wait for the embedded PostgreSQL of the other process
            }
            assertThat(line).as("the other process started its PostgreSQL").isNotNull();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('written before the crash')");
            }
            service.destroyForcibly();
            assertThat(service.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.exists(directory.resolve("postmaster.pid"))).as("PostgreSQL outlived the killed service").isTrue();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, port, Duration.ofSeconds(30))) {
            assertThat(query(server, "SELECT v FROM kept")).isEqualTo("written before the crash");
        }
    }

    @Test
    void aSecondStartWhileTheFirstRunsConnectsToItInsteadOfStoppingIt() throws Exception {
        int port = freePort();
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(directory, port, Duration.ofSeconds(30))) {
            execute(first, "CREATE TABLE shared (v text); INSERT INTO shared VALUES ('from the running service')");

            try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(directory, port, Duration.ofSeconds(30))) {
                assertThat(query(second, "SELECT v FROM shared")).isEqualTo("from the running service");
            }

            assertThat(query(first, "SELECT 'still running'")).as("closing the second left the first running")
                    .isEqualTo("still running");
        }
    }

    @Test
    void aStalePidFileFromADeadPostgresDoesNotBlockStart() throws Exception {
        int port = freePort();
        EmbeddedPostgresServer.start(directory, port, Duration.ofSeconds(30)).close();
        Files.writeString(directory.resolve("postmaster.pid"), "999999\n" + directory + "\n");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, port, Duration.ofSeconds(30))) {
            assertThat(query(server, "SELECT 'up'")).isEqualTo("up");
        }
    }

    private static String query(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
