package com.intelia.expert.http;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request line and headers are still arriving {@code timeout} after they began: a client
 * trickling its headers a byte at a time would otherwise keep the connection (and its header buffer) forever, as
 * each byte resets Jetty's idle timeout and Jetty has no header timeout of its own. It looks at every connection once
 * a second, so a connection is closed between {@code timeout} and {@code timeout} + 1 s after its headers began.
 */
public class SlowHeadersWatchdog extends AbstractLifeCycle implements Connection.Listener {

    /** A connection seen receiving the headers of its n-th request since a given time. */
    private record Since(long requests, long nanos) {
    }

    private final long timeoutNanos;
    private final Map<HttpConnection, Since> open = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public SlowHeadersWatchdog(long timeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.put(http, new Since(-1, 0));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slow-headers-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
        open.clear();
    }

    private void check() {
        long now = System.nanoTime();
        open.replaceAll((connection, since) -> {
            HttpParser parser = connection.getParser();
            boolean receivingHeaders = parser.inHeaderState() && !parser.isStart();
            if (!receivingHeaders) {
                return new Since(-1, 0);
            }
            long requests = connection.getMessagesIn();
            if (since.requests() != requests) {
                return new Since(requests, now);
            }
            if (now - since.nanos() > timeoutNanos) {
                connection.getEndPoint().close();
            }
            return since;
        });
    }
}
