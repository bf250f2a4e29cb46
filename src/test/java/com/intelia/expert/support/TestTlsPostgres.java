package com.intelia.expert.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An embedded PostgreSQL of its own with ssl=on, its server certificate (for "localhost" only) signed by a
 * throwaway CA made with the openssl command, as a managed cluster presents one. A second, unrelated CA
 * stands for a wrong POSTGRES_CA_CERT.
 */
public final class TestTlsPostgres implements AutoCloseable {

    private final Path directory;
    private final EmbeddedPostgres server;

    private TestTlsPostgres(Path directory, EmbeddedPostgres server) {
        this.directory = directory;
        this.server = server;
    }

    public static TestTlsPostgres start() {
        try {
            Path directory = Files.createTempDirectory("tls-postgres-");
            openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test cluster CA",
                    "-keyout", "ca.key", "-out", "ca.crt");
            openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Other CA",
                    "-keyout", "other-ca.key", "-out", "other-ca.crt");
            openssl(directory, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                    "-keyout", "server.key", "-out", "server.csr");
            Files.writeString(directory.resolve("san.ext"), "subjectAltName=DNS:localhost\n", StandardCharsets.US_ASCII);
            openssl(directory, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-days", "2", "-extfile", "san.ext", "-out", "server.crt");
            // PostgreSQL refuses a private key that others may read
            Files.setPosixFilePermissions(directory.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", directory.resolve("server.crt").toString())
                    .setServerConfig("ssl_key_file", directory.resolve("server.key").toString())
                    .start();
            return new TestTlsPostgres(directory, server);
        } catch (IOException e) {
            throw new UncheckedIOException("the TLS test PostgreSQL did not start", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** PEM text of the CA that signed the server's certificate, as DigitalOcean lets you download it. */
    public String caCertificate() {
        return read("ca.crt");
    }

    /** PEM text of a CA that has nothing to do with this server. */
    public String otherCaCertificate() {
        return read("other-ca.crt");
    }

    public Path caCertificateFile() {
        return directory.resolve("ca.crt");
    }

    private String read(String name) {
        try {
            return Files.readString(directory.resolve(name), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void openssl(Path directory, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("openssl " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running openssl", e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
