package com.intelia.expert.cli;

import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import liquibase.exception.LockException;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import javax.net.ssl.SSLHandshakeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failures the suite's PostgreSQL cannot produce (it trusts every login and speaks no TLS), shaped as pgjdbc
 * and Liquibase throw them; and what a bug looks like.
 */
class KnownFailuresTest {

    private static CommandFailure classify(Throwable error) {
        return KnownFailures.classify(error, "doadmin").orElseThrow();
    }

    @Test
    void aRejectedPasswordNamesTheVariablesNotTheValue() {
        CommandFailure failure = classify(new IllegalStateException("Migrating the database failed",
                new PSQLException("FATAL: password authentication failed for user \"doadmin\"", PSQLState.INVALID_PASSWORD)));

        assertThat(failure.what()).startsWith("PostgreSQL refused the login").contains("user \"doadmin\"");
        assertThat(failure.remedy()).contains("POSTGRES_USER and POSTGRES_PASSWORD");
    }

    @Test
    void anUnknownHostIsNamed() {
        CommandFailure failure = classify(new PSQLException("The connection attempt failed.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new UnknownHostException("db.exmaple.com")));

        assertThat(failure.what()).isEqualTo("unknown host db.exmaple.com (no such name in DNS)");
        assertThat(failure.remedy()).startsWith("check POSTGRES_HOST");
    }

    @Test
    void anUntrustedServerCertificateSaysTls() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertPathBuilderException("unable to find valid certification path to requested target"));
        CommandFailure failure = classify(new PSQLException("SSL error: PKIX path building failed",
                PSQLState.CONNECTION_FAILURE, handshake));

        assertThat(failure.what()).startsWith("TLS: the PostgreSQL server's certificate is not trusted");
        assertThat(failure.remedy()).contains("POSTGRES_SSLMODE");
    }

    @Test
    void aHeldMigrationLockSaysHowToReleaseIt() {
        CommandFailure failure = classify(new LockException("Could not acquire change log lock.  Currently locked by"
                + " host (10.0.0.7) since 11/29/26, 4:01 PM"));

        assertThat(failure.what()).startsWith("another migration holds the database's change log lock");
        assertThat(failure.remedy()).contains("db locks --force-release config.yml");
    }

    @Test
    void aServerShuttingDownAsksToWait() {
        CommandFailure failure = classify(new SQLException("FATAL: terminating connection due to administrator command",
                "57P01"));

        assertThat(failure.remedy()).isEqualTo("wait until it is up, then run the command again");
    }

    @Test
    void aPortInUseSaysWhichAndWhatToSet() {
        CommandFailure failure = classify(new IOException("Failed to bind to 0.0.0.0/0.0.0.0:8080",
                new BindException("Address already in use")));

        assertThat(failure.what()).isEqualTo("cannot listen on 0.0.0.0/0.0.0.0:8080: Address already in use");
        assertThat(failure.remedy()).contains("PORT or ADMIN_PORT");
    }

    @Test
    void eachDeniedPrivilegeGetsItsGrant() {
        assertThat(KnownFailures.grant("permission denied for schema public", "app"))
                .isEqualTo("GRANT USAGE, CREATE ON SCHEMA public TO app;");
        assertThat(KnownFailures.grant("permission denied for table conversations", "app"))
                .isEqualTo("GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLE conversations TO app;");
        assertThat(KnownFailures.grant("permission denied for database defaultdb", "app"))
                .isEqualTo("GRANT CONNECT, CREATE ON DATABASE defaultdb TO app;");
        assertThat(KnownFailures.grant("must be owner of table feedback", "app"))
                .isEqualTo("ALTER TABLE feedback OWNER TO app;");
    }

    @Test
    void aBugIsPrintedWithItsTraceAfterOneLineSayingItIsUnexpected() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExpertApplication application = new ExpertApplication(name -> null);
        Cli cli = new Cli(new JarLocation(ExpertApplication.class), new Bootstrap<ExpertConfiguration>(application),
                new ByteArrayOutputStream(), err);

        FailureReport.print(cli, new Namespace(Map.of()), "backup", new NullPointerException("boom"), null);

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines().findFirst().orElseThrow())
                .isEqualTo("backup: unexpected failure, probably a bug; please report it with this trace:");
        assertThat(printed).contains("java.lang.NullPointerException: boom", "\tat com.intelia.expert.cli.");
    }
}
