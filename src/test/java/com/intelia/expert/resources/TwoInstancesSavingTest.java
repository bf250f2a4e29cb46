package com.intelia.expert.resources;

import com.intelia.expert.db.ReadDatabase;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.stats.DashboardRange;
import com.intelia.expert.stats.NaiveDashboard;
import com.intelia.expert.stats.RollupDashboard;
import com.intelia.expert.stats.SameFigures;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service on one PostgreSQL, saving at once for the same users on the same day (new chats,
 * follow-up turns, ratings), each folding the rollup log every 200 ms: every acknowledged save is a row, the rollups
 * equal the raw rows (no drift, dashboard equal to the naive SQL), and no transaction was a deadlock victim, neither
 * in our log (DeadlockRetry) nor in PostgreSQL's own count.
 */
class TwoInstancesSavingTest {

    private static final int USERS = 8;
    private static final int CHATS_PER_USER = 15;

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final Jdbi JDBI = Jdbi.create(DATABASE.dataSource()).installPlugin(new SqlObjectPlugin());

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<DropwizardTestSupport<ExpertConfiguration>> instances = new ArrayList<>();
    private final ListAppender<ILoggingEvent> deadlockRetries = new ListAppender<>();

    @AfterEach
    void stopInstances() {
        ((Logger) LoggerFactory.getLogger("com.intelia.expert.db.DeadlockRetry")).detachAppender(deadlockRetries);
        // last started, first stopped: each instance's config overrides are system properties that its after()
        // restores to what it found, which for the second instance are the first one's (a leak into later tests)
        for (int i = instances.size() - 1; i >= 0; i--) {
            instances.get(i).after();
        }
    }

    @Test
    void twoInstancesSavingForTheSameUsersLoseNothingAndKeepTheRollupsExactWithoutDeadlocks() throws Exception {
        instances.add(start());
        instances.add(start());
        deadlockRetries.start();
        ((Logger) LoggerFactory.getLogger("com.intelia.expert.db.DeadlockRetry")).addAppender(deadlockRetries);
        long deadlocksBefore = deadlocks();
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(UUID.randomUUID());
        }

        AtomicInteger acknowledged = new AtomicInteger();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(2 * USERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int instance = 0; instance < 2; instance++) {
                for (UUID user : users) {
                    int port = instances.get(instance).getLocalPort();
                    running.add(threads.submit(() -> {
                        saveChats(port, user, acknowledged, errors);
                        return null;
                    }));
                }
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(errors).isEmpty();
        assertThat(acknowledged.get()).isEqualTo(2 * USERS * CHATS_PER_USER * 2);
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE user_id = ANY(ARRAY["
                + String.join(",", users.stream().map(u -> "'" + u + "'::uuid").toList()) + "])"))
                .isEqualTo((long) acknowledged.get());
        assertThat(Services.rollups(JDBI, Clock.systemUTC()).drift().values()).allMatch(d -> d == 0);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        DashboardRange range = DashboardRange.between(today.minusDays(1), today.plusDays(1), today.plusDays(1));
        SameFigures.assertSame(new RollupDashboard(ReadDatabase.of(JDBI)).compute(range), new NaiveDashboard(JDBI).compute(range));
        assertThat(deadlockRetries.list).as("deadlock retries logged").isEmpty();

        stopInstances(); // their connections end, which flushes their statistics to pg_stat_database
        instances.clear();
        assertThat(deadlocks()).as("deadlocks PostgreSQL detected").isEqualTo(deadlocksBefore);
    }

    /** Each chat: a first turn, a follow-up, and a rating (ratings move the rollups through updates). */
    private void saveChats(int port, UUID user, AtomicInteger acknowledged, List<String> errors) throws Exception {
        String token = TestTokens.hs256(user, c -> c);
        for (int i = 0; i < CHATS_PER_USER; i++) {
            UUID chat = UUID.randomUUID();
            for (int turn = 0; turn < 2; turn++) {
                HttpResponse<String> saved = send(port, token, "/conversations/save", "{\"conversation_id\":\"" + chat
                        + "\",\"user_id\":\"" + user + "\",\"question\":\"Feed at day " + i + " turn " + turn
                        + "?\",\"response\":\"Starter.\",\"metadata\":{\"response_source\":\""
                        + (i % 2 == 0 ? "rag" : "openai_fallback") + "\",\"processing_time_ms\":" + (50 + 37 * i + turn)
                        + "}}");
                if (saved.statusCode() == 200) {
                    acknowledged.incrementAndGet();
                } else {
                    errors.add(saved.statusCode() + " save: " + saved.body());
                }
            }
            if (i % 3 == 0) {
                HttpResponse<String> rated = send(port, token, "/conversations/" + chat + "/feedback",
                        "{\"rating\":" + (i % 2 == 0 ? 1 : -1) + "}");
                if (rated.statusCode() / 100 != 2) {
                    errors.add(rated.statusCode() + " feedback: " + rated.body());
                }
            }
        }
    }

    private HttpResponse<String> send(int port, String token, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long deadlocks() {
        return ((Number) DATABASE.value("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"))
                .longValue();
    }

    private static DropwizardTestSupport<ExpertConfiguration> start() throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(DATABASE.configOverrides()));
        overrides.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        overrides.add(ConfigOverride.config("secretKey", TestTokens.SECRET + "-invitations"));
        overrides.add(ConfigOverride.config("stats.foldInterval", "200ms"));
        overrides.add(ConfigOverride.config("stats.compactionInterval", "300ms"));
        DropwizardTestSupport<ExpertConfiguration> app = new DropwizardTestSupport<>(ExpertApplication.class,
                "config.yml", overrides.toArray(new ConfigOverride[0]));
        app.before();
        return app;
    }
}
