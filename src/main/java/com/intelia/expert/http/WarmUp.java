package com.intelia.expert.http;

import io.dropwizard.lifecycle.ServerLifecycleListener;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends the service's own request path a few requests over its application connector as soon as Jetty has started,
 * before it reports ready: on a new instance the first requests load several thousand classes (Jersey, Jackson, Bean
 * Validation, Nimbus, Jdbi, the request log) and run interpreted, and 32 saves sent to a fresh one-CPU instance at
 * once took about 1.3 s each (docs/SCALING.md, "A new instance's first requests"). App Platform's readiness check
 * ({@code /api/health}) sends traffic to an instance once it answers 200, so health answers 503 with
 * {@code "starting": true} until this has run ({@link #isDone}).
 *
 * <p>Each round sends {@value #PARALLEL} at once of each: {@code GET health}, {@code GET
 * v1/conversations/user/{id}} (a random user's empty chat list: a read on PostgreSQL) and {@code POST
 * v1/conversations/save} with an empty question and answer (authenticated, parsed and validated, then refused
 * with 422: nothing is written). The two authenticated requests carry an access token that {@code tokens} mints for
 * that random user (HS256 with the project's JWT secret, valid one minute). Answers are not checked: this changes
 * nothing and fails nothing; it stops at {@code within} whatever is left, and the service is ready after it
 * whatever happened. Runs on Jetty's starting thread, so {@code server.start()} (and the test harness) returns
 * after it.
 */
public final class WarmUp implements ServerLifecycleListener {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    static final int PARALLEL = 8;
    /** How the warm-up's requests name themselves in the request log. */
    public static final String USER_AGENT = "intelia-expert-warm-up";

    private final Supplier<String> rootPath;
    private final int rounds;
    private final Duration within;
    private final Function<UUID, String> tokens;
    private volatile boolean done;

    /**
     * rootPath: the API's root under the application connector (e.g. "/api" or "/"), asked when the server has
     * started (Dropwizard sets Jersey's URL pattern when it builds the server, after the application's run); rounds: 0
     * to skip;
     * tokens: an access token for a user id, or null when none can be minted (the authenticated requests are then
     * sent without one, and answered 401).
     */
    public WarmUp(Supplier<String> rootPath, int rounds, Duration within, Function<UUID, String> tokens) {
        this.rootPath = rootPath;
        this.rounds = rounds;
        this.within = within;
        this.tokens = tokens;
    }

    /** True once the warm-up has ended (or was skipped): health may say ready. */
    public boolean isDone() {
        return done;
    }

    @Override
    public void serverStarted(Server server) {
        try {
            if (rounds > 0) {
                String root = rootPath.get();
                run(URI.create("http://" + host(server) + ":" + getLocalPort(server) + root
                        + (root.endsWith("/") ? "" : "/")));
            }
        } finally {
            done = true;
        }
    }

    /** The application connector's bind host, or the loopback address when it listens on every interface. */
    private static String host(Server server) {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector bound) {
                String host = bound.getHost();
                return host == null || host.isBlank() || host.equals("0.0.0.0") ? "127.0.0.1"
                        : host.contains(":") ? "[" + host + "]" : host;
            }
        }
        return "127.0.0.1";
    }

    private void run(URI base) {
        long started = System.nanoTime();
        long deadline = started + within.toNanos();
        UUID user = UUID.randomUUID();
        String token = tokens.apply(user);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int sent = 0;
        int answered = 0;
        for (int round = 0; round < rounds && System.nanoTime() < deadline; round++) {
            List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                for (HttpRequest request : requests(base, user, token, deadline)) {
                    calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
                }
            }
            sent += calls.size();
            answered += awaitAll(calls, deadline);
        }
        LOG.info("Warm-up: {} of {} requests answered in {} ms; ready", answered, sent,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static List<HttpRequest> requests(URI base, UUID user, String token, long deadline) {
        Duration timeout = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        HttpRequest health = HttpRequest.newBuilder(base.resolve("health")).timeout(timeout)
                .header("User-Agent", USER_AGENT).GET().build();
        HttpRequest.Builder chats = HttpRequest.newBuilder(base.resolve("v1/conversations/user/" + user))
                .timeout(timeout).header("User-Agent", USER_AGENT).GET();
        HttpRequest.Builder save = HttpRequest.newBuilder(base.resolve("v1/conversations/save")).timeout(timeout)
                .header("User-Agent", USER_AGENT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"conversation_id\":\"" + UUID.randomUUID()
                        + "\",\"user_id\":\"" + user + "\",\"question\":\"\",\"response\":\"\"}"));
        if (token != null) {
            chats.header("Authorization", "Bearer " + token);
            save.header("Authorization", "Bearer " + token);
        }
        return List.of(health, chats.build(), save.build());
    }

    /** Waits for the calls until the deadline; returns how many were answered (any status). */
    private static int awaitAll(List<CompletableFuture<HttpResponse<Void>>> calls, long deadline) {
        int answered = 0;
        for (CompletableFuture<HttpResponse<Void>> call : calls) {
            try {
                call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                answered++;
            } catch (ExecutionException | TimeoutException e) {
                call.cancel(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answered;
            }
        }
        return answered;
    }
}
