package com.intelia.expert.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.intelia.expert.db.EmailClaimStore;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Remembers the e-mail claim of accepted access tokens per user_id, so that the orphan audit can later
 * name who an orphan was. At most one write per user and address per interval, on a background thread:
 * a request never waits for it, and when the queue is full the sighting is dropped until the next one.
 */
public class EmailClaimRecorder implements AutoCloseable, Managed {

    private static final Logger LOG = LoggerFactory.getLogger(EmailClaimRecorder.class);

    private final EmailClaimStore claims;
    private final Cache<String, Boolean> recent;
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), runnable -> {
                Thread thread = new Thread(runnable, "email-claim-recorder");
                thread.setDaemon(true);
                return thread;
            });

    /** At most one write per user and address per {@code interval}. */
    public EmailClaimRecorder(EmailClaimStore claims, Duration interval) {
        this.claims = claims;
        this.recent = Caffeine.newBuilder().expireAfterWrite(interval).maximumSize(100_000).build();
    }

    public void seen(UUID userId, String email) {
        if (email == null || email.isBlank() || email.length() > 255) {
            return;
        }
        String key = userId + " " + email.toLowerCase(Locale.ROOT);
        if (recent.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        try {
            writer.execute(() -> {
                try {
                    claims.record(userId, email);
                } catch (RuntimeException e) {
                    recent.invalidate(key);
                    LOG.warn("Could not record the e-mail claim of user {}: {}", userId, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            recent.invalidate(key);
        }
    }

    /** Writes what is queued (5 s at most) when the server stops. */
    @Override
    public void stop() throws InterruptedException {
        close();
    }

    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
