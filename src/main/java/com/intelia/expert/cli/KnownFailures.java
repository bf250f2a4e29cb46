package com.intelia.expert.cli;

import com.intelia.expert.backup.BackupFileException;
import com.intelia.expert.migrations.MigrationHaltedException;
import com.intelia.expert.backup.TableCopier;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationValidationException;
import com.intelia.expert.config.ExpertConfigurationFactoryFactory;
import liquibase.exception.LockException;
import liquibase.exception.MigrationFailedException;
import liquibase.exception.PreconditionFailedException;
import liquibase.precondition.FailedPrecondition;
import org.postgresql.util.PSQLException;

import javax.net.ssl.SSLException;
import java.io.FileNotFoundException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Recognizes the failures an operator can fix (PostgreSQL unreachable or refusing, a halted migration, a bad
 * configuration, a missing file, a damaged backup) anywhere in an exception's cause chain, and says each as a
 * {@link CommandFailure}. Anything else is a bug. Never quotes a configured value: passwords and keys stay out.
 */
final class KnownFailures {

    private static final Pattern FILE_NOT_FOUND = Pattern.compile("File (.+) not found");
    private static final Pattern BIND = Pattern.compile("Failed to bind to (\\S+)");
    private static final Pattern REFUSED = Pattern.compile("Connection to (\\S+) refused");
    private static final Pattern DENIED = Pattern.compile("permission denied for (table|relation|view|sequence|schema"
            + "|database|function) \"?([\\w.]+)\"?");
    private static final Pattern NOT_OWNER = Pattern.compile("must be owner of (table|relation) \"?([\\w.]+)\"?");
    private static final String CONNECTION_SETTINGS = "check POSTGRES_HOST and POSTGRES_PORT (without POSTGRES_HOST:"
            + " EMBEDDED_POSTGRES_PORT, where the running service's embedded PostgreSQL listens), and that PostgreSQL"
            + " accepts connections from this machine (on DigitalOcean: the database's trusted sources)";

    private KnownFailures() {
    }

    /**
     * @param databaseUser the PostgreSQL user the command connects as, for the GRANT to run; null when unknown
     */
    static Optional<CommandFailure> classify(Throwable error, String databaseUser) {
        String user = databaseUser == null || databaseUser.isBlank() ? "<POSTGRES_USER>" : databaseUser;
        return first(error, e -> e instanceof CommandFailure failure ? failure : null)
                .or(() -> first(error, KnownFailures::refusedBeforeChanging))
                .or(() -> first(error, KnownFailures::liquibase))
                .or(() -> first(error, KnownFailures::configuration))
                .or(() -> first(error, KnownFailures::file))
                .or(() -> first(error, KnownFailures::tls))
                .or(() -> first(error, e -> network(e, error)))
                .or(() -> first(error, e -> sqlState(e, user)))
                .or(() -> first(error, KnownFailures::migration));
    }

    /** The first cause, from the outermost in, that the rule recognizes. */
    private static Optional<CommandFailure> first(Throwable error, Function<Throwable, CommandFailure> rule) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            CommandFailure failure = rule.apply(cause);
            if (failure != null) {
                return Optional.of(failure);
            }
        }
        return Optional.empty();
    }

    /** Refusals of our own whose message already says what is wrong and what to do, and that nothing changed. */
    private static CommandFailure refusedBeforeChanging(Throwable e) {
        if (e instanceof MigrationHaltedException || e instanceof TableCopier.BackupMismatch) {
            return new CommandFailure(e.getMessage(), null, e);
        }
        return null;
    }

    private static CommandFailure liquibase(Throwable e) {
        if (e instanceof PreconditionFailedException precondition) {
            // onFailMessage says what is wrong and what to do; Liquibase's wrapping text adds nothing
            return new CommandFailure(precondition.getFailedPreconditions().stream().map(FailedPrecondition::getMessage)
                    .collect(Collectors.joining("; ")), null, e);
        }
        if (e instanceof LockException) {
            return new CommandFailure("another migration holds the database's change log lock (" + firstLine(e) + ")",
                    "wait for it to finish; if none is running, release the lock:"
                            + " java -jar intelia-expert.jar db locks --force-release config.yml", e);
        }
        return null;
    }

    private static CommandFailure configuration(Throwable e) {
        if (!(e instanceof ConfigurationException)) {
            return null;
        }
        String message = e.getMessage().strip();
        boolean aboutVariables = e instanceof ExpertConfigurationFactoryFactory.VariableConfigurationException named
                ? named.aboutVariables() : e instanceof ConfigurationValidationException;
        return new CommandFailure(message, aboutVariables
                ? "set or correct the variables named above (README.md, Configuration), then run check config.yml"
                : "correct the configuration file at the place named above", e);
    }

    private static CommandFailure file(Throwable e) {
        String cwd = System.getProperty("user.dir");
        if (e instanceof NoSuchFileException missing) {
            return new CommandFailure("no such file or directory: " + missing.getFile(),
                    "check the path (relative paths start from " + cwd + ")", e);
        }
        if (e instanceof AccessDeniedException denied) {
            return new CommandFailure("permission denied: " + denied.getFile(),
                    "check the file's and its directory's permissions for the user running the command", e);
        }
        if (e instanceof FileNotFoundException && e.getMessage() != null) {
            // Dropwizard's "File config.yml not found", or FileInputStream's "x (No such file or directory)"
            Matcher dropwizard = FILE_NOT_FOUND.matcher(e.getMessage());
            return new CommandFailure(dropwizard.matches() ? "file " + dropwizard.group(1) + " not found"
                    : "cannot open " + e.getMessage(),
                    "check the path (relative paths start from " + cwd + ") and the file's permissions", e);
        }
        if (e instanceof BackupFileException) {
            return new CommandFailure("the backup file is not valid: " + e.getMessage(),
                    "use an intact backup file (the one backup wrote, copied whole)", e);
        }
        if (e instanceof java.io.EOFException || e instanceof java.util.zip.ZipException) {
            // a .gz backup cut short or damaged: gzip reports it before the backup's own checks can
            return new CommandFailure("the backup file is damaged or incomplete (its compressed data ends early or is"
                    + " corrupt)", "use an intact backup file (the one backup wrote, copied whole)", e);
        }
        return null;
    }

    private static CommandFailure tls(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof CertPathBuilderException || e instanceof CertPathValidatorException
                || e instanceof CertificateException || message.contains("PKIX")
                || message.contains("SSL root certificate")) {
            return new CommandFailure("TLS: the PostgreSQL server's certificate is not trusted (" + firstLine(e) + ")",
                    "with POSTGRES_SSLMODE=verify-ca or verify-full, set POSTGRES_CA_CERT to the cluster's CA certificate"
                            + " (DigitalOcean: Download CA certificate; its PEM text or a path to it),"
                            + " or use POSTGRES_SSLMODE=require (encrypted, certificate not verified)", e);
        }
        if (message.contains("could not be verified by hostnameverifier")) {
            return new CommandFailure("TLS: the PostgreSQL server's certificate does not name POSTGRES_HOST",
                    "set POSTGRES_HOST to the host name in the certificate, or use POSTGRES_SSLMODE=verify-ca", e);
        }
        if (message.contains("does not support SSL")) {
            return new CommandFailure("TLS: the PostgreSQL server does not offer TLS, but POSTGRES_SSLMODE asks for it",
                    "connect to the server's TLS port, or outside production set POSTGRES_SSLMODE=disable", e);
        }
        if (e instanceof SSLException) {
            return new CommandFailure("TLS: the connection to PostgreSQL failed (" + firstLine(e) + ")",
                    "check POSTGRES_SSLMODE and that POSTGRES_PORT is the server's PostgreSQL port", e);
        }
        return null;
    }

    private static CommandFailure network(Throwable e, Throwable whole) {
        boolean postgres = hasSqlException(whole);
        String server = postgres ? "PostgreSQL" : "the server";
        if (e instanceof UnknownHostException) {
            return new CommandFailure("unknown host " + e.getMessage() + " (no such name in DNS)", postgres
                    ? "check POSTGRES_HOST: a bare host name such as db-postgresql-fra1-12345-do-user-1.b.db.ondigitalocean.com"
                    : "check the host name and this machine's DNS", e);
        }
        if (e instanceof ConnectException) {
            Matcher refused = REFUSED.matcher(whole.toString() + " " + messages(whole));
            String where = refused.find() ? " at " + refused.group(1) : "";
            return new CommandFailure(server + " refused the connection" + where + " (nothing listens there)",
                    postgres ? CONNECTION_SETTINGS : "check the address and that the server is running", e);
        }
        if (e instanceof BindException) {
            Matcher bind = BIND.matcher(messages(whole));
            return new CommandFailure("cannot listen" + (bind.find() ? " on " + bind.group(1) : "") + ": " + firstLine(e),
                    "stop the process that holds the port, or set PORT or ADMIN_PORT", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new CommandFailure(server + " did not answer in time (" + firstLine(e) + ")",
                    postgres ? CONNECTION_SETTINGS : "check the address and any firewall in between", e);
        }
        return null;
    }

    private static CommandFailure sqlState(Throwable e, String user) {
        if (!(e instanceof SQLException sql) || sql.getSQLState() == null) {
            return null;
        }
        String state = sql.getSQLState();
        String said = serverMessage(sql);
        if (state.startsWith("28")) {
            return new CommandFailure("PostgreSQL refused the login: " + said,
                    "check POSTGRES_USER and POSTGRES_PASSWORD (on DigitalOcean: the database's connection details)"
                            + " and that the server admits this host with this POSTGRES_SSLMODE", e);
        }
        if (state.equals("3D000")) {
            return new CommandFailure("PostgreSQL: " + said, "check POSTGRES_DB, or create that database", e);
        }
        if (state.equals("42501")) {
            return new CommandFailure("PostgreSQL user " + user + " lacks a privilege: " + said,
                    "as the database owner, run: " + grant(said, user), e);
        }
        if (state.startsWith("57P0")) {
            return new CommandFailure("PostgreSQL is shutting down, restarting or starting up: " + said,
                    "wait until it is up, then run the command again", e);
        }
        if (state.startsWith("08")) {
            return new CommandFailure("cannot connect to PostgreSQL: " + said, CONNECTION_SETTINGS, e);
        }
        return null;
    }

    /** The statement that gives {@code user} what PostgreSQL said was missing. */
    static String grant(String denied, String user) {
        Matcher owner = NOT_OWNER.matcher(denied);
        if (owner.find()) {
            return "ALTER TABLE " + owner.group(2) + " OWNER TO " + user + ";";
        }
        Matcher matcher = DENIED.matcher(denied);
        if (!matcher.find()) {
            return "GRANT the privilege named above TO " + user + ";";
        }
        String object = matcher.group(2);
        return switch (matcher.group(1)) {
            case "schema" -> "GRANT USAGE, CREATE ON SCHEMA " + object + " TO " + user + ";";
            case "database" -> "GRANT CONNECT, CREATE ON DATABASE " + object + " TO " + user + ";";
            case "sequence" -> "GRANT USAGE, SELECT, UPDATE ON SEQUENCE " + object + " TO " + user + ";";
            case "function" -> "GRANT EXECUTE ON FUNCTION " + object + " TO " + user + ";";
            default -> "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLE " + object + " TO " + user + ";";
        };
    }

    private static CommandFailure migration(Throwable e) {
        if (!(e instanceof MigrationFailedException)) {
            return null;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new CommandFailure("a migration failed: " + firstLine(root),
                "correct the cause named above, then run db migrate again (the changesets before it are applied)", e);
    }

    /** PostgreSQL's own sentence, without pgjdbc's "FATAL:" prefix and detail lines. */
    private static String serverMessage(SQLException sql) {
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null
                && psql.getServerErrorMessage().getMessage() != null) {
            return psql.getServerErrorMessage().getMessage();
        }
        return firstLine(sql);
    }

    private static boolean hasSqlException(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            all.append(' ').append(cause.getMessage());
        }
        return all.toString();
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }
}
