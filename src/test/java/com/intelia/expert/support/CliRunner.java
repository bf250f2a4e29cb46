package com.intelia.expert.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;
import org.slf4j.LoggerFactory;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
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
            drainLogQueues(out);
            System.setOut(systemOut);
            // a process would exit here; in the suite's JVM, the JMX reporter that initialize() started (with the JVM
            // gauges) would otherwise stay registered, and the next run's would log each name it finds taken
            if (bootstrap.getJmxReporter() != null) {
                bootstrap.getJmxReporter().stop();
            }
        }
    }

    /**
     * Dropwizard's console appender is asynchronous: what a command logged may still be queued, or taken from the queue
     * and being written, when it returns, and would then land in the next command's captured output. Waits (2 s at
     * most) until the queues are empty and {@code out} has stopped growing for 50 ms.
     */
    private static void drainLogQueues(ByteArrayOutputStream out) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        int size = -1;
        while (System.nanoTime() < deadline && (size != out.size() || queued(context))) {
            size = out.size();
            pause(50);
        }
    }

    private static boolean queued(LoggerContext context) {
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders(); appenders.hasNext(); ) {
                if (appenders.next() instanceof AsyncAppenderBase<?> async && async.getNumberOfElementsInQueue() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
