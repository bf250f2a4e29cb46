package com.intelia.expert.cli;

import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.config.PostgresFactory;
import com.intelia.expert.postgres.EmbeddedPostgresServer;
import io.dropwizard.core.cli.Cli;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * How every command reports a failure on stderr: an expected one (see {@link KnownFailures}) as one short block,
 * what is wrong and the remedy, with the stack trace only under {@code --verbose} or DEBUG logging; a bug with its
 * trace, after one line saying it is unexpected.
 */
public final class FailureReport {

    static final String VERBOSE = "verbose";
    private static final String FILE = "file";

    private FailureReport() {
    }

    /** The {@code --verbose} flag every command takes. */
    public static void addVerboseFlag(Subparser subparser) {
        subparser.addArgument("--verbose").dest(VERBOSE).action(Arguments.storeTrue())
                .help("on failure, print the full stack trace as well");
    }

    /** The failure when an argument is missing, naming it, with the command's usage as the remedy. */
    public static CommandFailure missingArgument(String argument, String usage) {
        return new CommandFailure("missing argument " + argument, "java -jar intelia-expert.jar " + usage);
    }

    /**
     * @param label         how the block starts, usually the command's name
     * @param configuration the parsed configuration, or null when it could not be read (names the database user)
     */
    public static void print(Cli cli, Namespace namespace, String label, Throwable error,
                             ExpertConfiguration configuration) {
        PrintWriter err = cli.getStdErr();
        Optional<CommandFailure> known = configurationFileMissing(namespace, error, label)
                .or(() -> KnownFailures.classify(error, databaseUser(configuration)));
        if (known.isPresent()) {
            err.println(known.get().block(label));
            if (verbose(namespace, configuration)) {
                error.printStackTrace(err);
            }
        } else {
            err.println(label + ": unexpected failure, probably a bug; please report it with this trace:");
            error.printStackTrace(err);
        }
        err.flush();
    }

    /**
     * Dropwizard's commands take the configuration file as an optional argument and, without it, fail on a default
     * configuration with a message about some field; say instead that the file is missing.
     */
    private static Optional<CommandFailure> configurationFileMissing(Namespace namespace, Throwable error, String label) {
        if (error instanceof CommandFailure || !namespace.getAttrs().containsKey(FILE)
                || namespace.getString(FILE) != null) {
            return Optional.empty();
        }
        return Optional.of(missingArgument("FILE (the configuration file, e.g. config.yml)", label + " config.yml"));
    }

    /** --verbose, or DEBUG logging as the configuration sets it (before it is read, logback's default is DEBUG). */
    private static boolean verbose(Namespace namespace, ExpertConfiguration configuration) {
        return Boolean.TRUE.equals(namespace.getBoolean(VERBOSE))
                || configuration != null && LoggerFactory.getLogger(FailureReport.class).isDebugEnabled();
    }

    /** The PostgreSQL user the configuration connects as, read without starting the embedded server. */
    private static String databaseUser(ExpertConfiguration configuration) {
        if (configuration == null) {
            return null;
        }
        PostgresFactory postgres = configuration.getPostgres();
        return postgres.isEmbedded() ? EmbeddedPostgresServer.USER : postgres.getUser();
    }
}
