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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Sends the service's own request path a few requests over its application connector as soon as Jetty has started,
 * before it reports ready: on a new instance the first requests load several thousand classes (Jersey, Jackson, Bean
 * Validation, Nimbus, Jdbi, the request log) and run interpreted, and 32 saves sent to a fresh one-CPU instance at
 * once took about 1.3 s each (docs/SCALING.md, "A new instance's first requests"). App Platform's readiness check
 * ({@code /api/health}) sends traffic to an instance once it answers 200, so health answers 503 with
 * {@code "starting": true} until this has run ({@link #isDone}).
 *
 * <p>Each round sends {@value #PARALLEL} at once of each: {@code GET health}, {@code GET
 * v1/conversations/user/{id}} (a random user's empty chat list: a read on PostgreSQL, and with Supabase a lookup of
 * that user's profile, which finds none) and {@code POST v1/conversations/save} with an empty question and answer
 * (authenticated, parsed and validated, then refused with 422: nothing is written). The two authenticated requests
 * carry an access token that {@code tokens} mints for that random user (HS256 with the project's JWT secret, valid
 * one minute, without an e-mail claim, so that none is recorded). It writes nothing and fails nothing: it stops at
 * {@code within} whatever is left, and the service is ready after it whatever happened; the log line counts the
 * answers that were as expected (health 200 or 503, list 200, save 422) and names the others (a 401: the tokens
 * it mints are refused). Runs on Jetty's starting thread, so {@code server.start()} (and the test harness) returns
 * after it.
 */
public final class WarmUp implements ServerLifecycleListener {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    static final int PARALLEL = 8;
    /** How the warm-up's requests name themselves in the request log. */
    public static final String USER_AGENT = "intelia-expert-warm-up";

    /** A warm-up request, what it is called in the log, and the statuses it is expected to get. */
    private record Call(String name, HttpRequest request, Set<Integer> expected) {
    }

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
        int expected = 0;
        Map<String, Integer> unexpected = new TreeMap<>();
        for (int round = 0; round < rounds && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted();
                round++) {
            List<Call> calls = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                calls.addAll(calls(base, user, token, deadline));
            }
            List<CompletableFuture<HttpResponse<Void>>> answers = calls.stream()
                    .map(call -> client.sendAsync(call.request(), HttpResponse.BodyHandlers.discarding())).toList();
            sent += calls.size();
            for (int i = 0; i < calls.size(); i++) {
                Call call = calls.get(i);
                int status = awaitStatus(answers.get(i), deadline);
                if (call.expected().contains(status)) {
                    expected++;
                } else {
                    unexpected.merge(call.name() + " " + (status == 0 ? "no answer" : status), 1, Integer::sum);
                }
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (unexpected.isEmpty()) {
            LOG.info("Warm-up: {} of {} requests answered as expected in {} ms; ready", expected, sent, millis);
        } else {
            LOG.warn("Warm-up: {} of {} requests answered as expected in {} ms; the others: {}{}; ready, the first"
                            + " requests may be slow", expected, sent, millis,
                    unexpected.entrySet().stream().map(entry -> entry.getKey() + " x" + entry.getValue())
                            .collect(Collectors.joining(", ")),
                    unexpected.keySet().stream().anyMatch(key -> key.endsWith(" 401"))
                            ? " (401: the access tokens it signs are refused; check JWT_SECRET and SUPABASE_JWT_ISSUER)"
                            : "");
        }
    }

    private static List<Call> calls(URI base, UUID user, String token, long deadline) {
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
        return List.of(new Call("health", health, Set.of(200, 503)), new Call("chat list", chats.build(), Set.of(200)),
                new Call("save", save.build(), Set.of(422)));
    }

    /** The call's status, or 0 when it got no answer before the deadline. */
    private static int awaitStatus(CompletableFuture<HttpResponse<Void>> call, long deadline) {
        try {
            return call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).statusCode();
        } catch (ExecutionException | TimeoutException e) {
            call.cancel(true);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return 0;
        }
    }
}
