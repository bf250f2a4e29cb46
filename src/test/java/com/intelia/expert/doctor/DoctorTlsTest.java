package com.intelia.expert.doctor;

import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.postgres.PostgresProbe;
import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestTlsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POSTGRES_SSLMODE=verify-full against a real PostgreSQL with TLS: the cluster's CA certificate connects;
 * a wrong one, or a host name the certificate does not carry, is reported by doctor and by the health
 * probe as a TLS failure, not as a lost connection.
 */
class DoctorTlsTest {

    private static TestTlsPostgres postgres;

    @BeforeAll
    static void start() {
        postgres = TestTlsPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static Map<String, String> environment(String host, String caCert) {
        Map<String, String> env = new HashMap<>();
        env.put("POSTGRES_HOST", host);
        env.put("POSTGRES_PORT", Integer.toString(postgres.port()));
        env.put("POSTGRES_DB", "postgres");
        env.put("POSTGRES_USER", "postgres");
        env.put("POSTGRES_PASSWORD", "unused");
        env.put("POSTGRES_SSLMODE", "verify-full");
        env.put("POSTGRES_CA_CERT", caCert);
        return env;
    }

    private static DatabaseStatus probe(String host, String caCert) throws Exception {
        Path file = Files.createTempFile("ca-", ".pem");
        Files.writeString(file, caCert);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {host});
        dataSource.setPortNumbers(new int[] {postgres.port()});
        dataSource.setDatabaseName("postgres");
        dataSource.setUser("postgres");
        dataSource.setSslmode("verify-full");
        dataSource.setSslRootCert(file.toString());
        try (PostgresProbe probe = new PostgresProbe(dataSource, Duration.ofSeconds(5))) {
            return probe.check();
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void theClustersCaCertificateAsPemTextConnects() {
        CliRunner.Result result = CliRunner.run(environment("localhost", postgres.caCertificate()), "doctor", "config.yml");

        assertThat(result.stdout()).as(result.output())
                .contains("ok    postgresql: PostgreSQL at localhost:" + postgres.port() + " (sslmode verify-full)");
    }

    @Test
    void theClustersCaCertificateAsAFilePathConnects() {
        CliRunner.Result result = CliRunner.run(environment("localhost", postgres.caCertificateFile().toString()),
                "doctor", "config.yml");

        assertThat(result.stdout()).as(result.output()).contains("ok    postgresql: PostgreSQL at localhost:");
    }

    @Test
    void anotherCaIsReportedAsATlsTrustFailure() throws Exception {
        CliRunner.Result result = CliRunner.run(environment("localhost", postgres.otherCaCertificate()), "doctor", "config.yml");
        DatabaseStatus health = probe("localhost", postgres.otherCaCertificate());

        assertThat(result.stdout()).as(result.output())
                .contains("FAIL  postgresql: PostgreSQL at localhost:" + postgres.port() + " (sslmode verify-full):"
                        + " TLS: the server certificate is not trusted by POSTGRES_CA_CERT")
                .contains("Remedy: download the cluster's CA certificate")
                .doesNotContain("connection refused", "BEGIN CERTIFICATE");
        assertThat(health.isUnhealthy()).isTrue();
        assertThat(health.error()).startsWith("TLS: the server certificate is not trusted by POSTGRES_CA_CERT");
    }

    @Test
    void aHostNameTheCertificateDoesNotCarryIsReportedAsSuch() throws Exception {
        CliRunner.Result result = CliRunner.run(environment("127.0.0.1", postgres.caCertificate()), "doctor", "config.yml");
        DatabaseStatus health = probe("127.0.0.1", postgres.caCertificate());

        assertThat(result.stdout()).as(result.output())
                .contains("FAIL  postgresql: PostgreSQL at 127.0.0.1:" + postgres.port() + " (sslmode verify-full):"
                        + " TLS: the server certificate does not name POSTGRES_HOST");
        assertThat(health.error()).startsWith("TLS: the server certificate does not name POSTGRES_HOST");
    }
}
