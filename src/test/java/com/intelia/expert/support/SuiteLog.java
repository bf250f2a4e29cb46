package com.intelia.expert.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Keeps everything the test run logs, so that {@code SuiteLogCheck} can look for planted user content afterwards.
 * Two files under {@code suite.log.dir} (set by the pom for the normal test run):
 * <ul>
 *   <li>{@code events.log}: every logback event at INFO or above, with its stack trace, from any logger of this JVM:
 *   the applications the tests start, the commands they run, the tests themselves. Dropwizard resets logback each
 *   time it configures logging and stops it when an application stops; a reset-resistant listener attaches the
 *   appender again after each reset, and every test start and end attaches it again after a stop.</li>
 *   <li>{@code console.log}: all that is written to System.out and System.err, which also holds the request logs
 *   (logback-access, not part of logback's classic context) and anything printed outside logging.</li>
 * </ul>
 * Registered with the JUnit platform in META-INF/services; inactive unless {@code suite.log.dir} is set.
 */
public final class SuiteLog implements LauncherSessionListener, TestExecutionListener {

    public static final String DIRECTORY_PROPERTY = "suite.log.dir";
    public static final String EVENTS = "events.log";
    public static final String CONSOLE = "console.log";
    public static final String END = "--- end of the test run ---";
    private static final String APPENDER = "suite-log";

    private static Writer events;
    private static OutputStream console;
    private static final FileAppender APPENDER_INSTANCE = new FileAppender();
    private static final Keeper KEEPER = new Keeper();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null || directory.isBlank()) {
            return;
        }
        open(Path.of(directory));
        session.getLauncher().registerTestExecutionListeners(this);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        close();
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        attach();
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        attach();
    }

    private static synchronized void open(Path directory) {
        if (events != null) {
            return;
        }
        try {
            Files.createDirectories(directory);
            events = Files.newBufferedWriter(directory.resolve(EVENTS), StandardCharsets.UTF_8);
            console = Files.newOutputStream(directory.resolve(CONSOLE));
            events.write("--- test run started " + Instant.now() + " ---\n");
            events.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the suite log under " + directory, e);
        }
        System.setOut(new PrintStream(new Tee(System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(System.err), true, StandardCharsets.UTF_8));
        attach();
    }

    private static synchronized void close() {
        if (events == null) {
            return;
        }
        try {
            events.write(END + "\n");
            events.close();
            console.write((END + "\n").getBytes(StandardCharsets.UTF_8));
            console.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        events = null;
    }

    /** Puts the appender on the root logger and the listener on the context, if a reset or stop removed them. */
    static synchronized void attach() {
        if (events == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        if (!context.getCopyOfListenerList().contains(KEEPER)) {
            context.addListener(KEEPER);
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(APPENDER) == null) {
            APPENDER_INSTANCE.setContext(context);
            APPENDER_INSTANCE.setName(APPENDER);
            root.addAppender(APPENDER_INSTANCE);
        }
        if (!APPENDER_INSTANCE.isStarted()) {
            APPENDER_INSTANCE.start();
        }
    }

    private static synchronized void write(String text) {
        if (events == null) {
            return;
        }
        try {
            events.write(text);
            events.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void writeConsole(byte[] bytes, int offset, int length) {
        if (events == null) {
            return;
        }
        try {
            console.write(bytes, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes each event at INFO or above as one line, then its stack trace as logback prints it. */
    private static final class FileAppender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            if (!event.getLevel().isGreaterOrEqual(Level.INFO)) {
                return;
            }
            StringBuilder line = new StringBuilder().append(event.getLevel()).append(' ')
                    .append(event.getLoggerName()).append(" [").append(event.getThreadName()).append("] ")
                    .append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
            write(line.toString());
        }
    }

    /** Survives logback's reset and attaches the appender again right after it. */
    private static final class Keeper implements LoggerContextListener {
        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onStart(LoggerContext context) {
            attach();
        }

        @Override
        public void onReset(LoggerContext context) {
            attach();
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    }

    /** Writes to the stream it replaces and to console.log. */
    private static final class Tee extends OutputStream {
        private final OutputStream original;

        Tee(OutputStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            original.write(bytes, offset, length);
            writeConsole(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }
    }
}
