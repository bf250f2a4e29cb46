package com.intelia.expert.support;

import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Runs a command of the real application in-process, with the given environment variables. */
public final class CliRunner {

    /** What a command printed and whether it succeeded. */
    public record Result(boolean success, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }

    private CliRunner() {
    }

    public static synchronized Result run(Map<String, String> environment, String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // some commands (db status, db migrate --dry-run) keep System.out from their construction
        PrintStream systemOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        ExpertApplication application = new ExpertApplication(environment::get);
        Bootstrap<ExpertConfiguration> bootstrap = new Bootstrap<>(application);
        try {
            application.addDefaultCommands(bootstrap);
            application.initialize(bootstrap);
            Cli cli = new Cli(new JarLocation(ExpertApplication.class), bootstrap, out, err);
            Optional<Throwable> failure = cli.run(arguments);
            return new Result(failure.isEmpty(), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(systemOut);
            // a process would exit here; in the suite's JVM, the JMX reporter that initialize() started (with the JVM
            // gauges) would otherwise stay registered, and the next run's would log each name it finds taken
            if (bootstrap.getJmxReporter() != null) {
                bootstrap.getJmxReporter().stop();
            }
        }
    }
}
