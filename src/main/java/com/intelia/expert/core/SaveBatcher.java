package com.intelia.expert.core;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.intelia.expert.db.ConversationWrite;
import com.intelia.expert.db.SaveOutcome;
import com.intelia.expert.db.SqlStates;
import com.intelia.expert.db.TurnStore;
import io.dropwizard.lifecycle.Managed;
import jakarta.ws.rs.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit for saves: concurrent requests are written together, one transaction and one WAL flush per batch
 * instead of per save, by a few writer threads each holding one connection. A request is answered only after its
 * batch committed, so nothing acknowledged can be lost. Saves of the same chat (conversation id) never share a round
 * of a batch (the second waits for the next round, in arrival order, so a chat's turns keep their order), and when a
 * batch fails each of its saves is retried alone, so one bad row fails only its own request. When PostgreSQL is
 * unavailable, the failed batch fails the saves waiting behind it as well, so that each request answers within one
 * attempt's timeouts. What it does is measured in {@link Metrics}.
 */
public class SaveBatcher implements ConversationWriter, Managed {

    private static final Logger LOG = LoggerFactory.getLogger(SaveBatcher.class);

    private record Pending(ConversationWrite write, CompletableFuture<Optional<SaveOutcome>> result) {
    }

    /**
     * The batches as /metrics shows them: saves per committed transaction ({@code saves.batch.saves}), the time from
     * the transaction's start to its commit, deadlock retries included ({@code saves.batch.commit}, a timer of the
     * committed ones), transactions that failed ({@code saves.batch.failed}; the saves of a batch refused for
     * one row's data are then retried alone, each counted again), and saves answered without a new row because their
     * chat held the same turn already ({@code saves.repeated}: a client sending a save again, such as a retry after
     * a timeout; acknowledged saves less these are the rows written).
     */
    public record Metrics(Histogram savesPerBatch, Timer commit, Counter failed, Counter repeated) {

        /** The batcher's metrics in {@code registry}, under the names above. */
        public static Metrics in(MetricRegistry registry) {
            return new Metrics(registry.histogram("saves.batch.saves"), registry.timer("saves.batch.commit"),
                    registry.counter("saves.batch.failed"), registry.counter("saves.repeated"));
        }
    }

    private final TurnStore turns;
    private final Metrics metrics;
    private final int writers;
    private final int maxBatch;
    private final long waitMillis;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * One writer (one connection): batches of up to 64 saves, 10,000 waiting at most, 30 s before giving up. Writers
     * (of this and other instances) share no rollup row: the statistics trigger only appends to stats_delta_log.
     */
    public static SaveBatcher withDefaults(TurnStore turns, Metrics metrics) {
        return new SaveBatcher(turns, 1, 64, 10_000, 30_000, metrics);
    }

    /** A batcher whose metrics nobody reads (tests). */
    public SaveBatcher(TurnStore turns, int writers, int maxBatch, int queueCapacity, long waitMillis) {
        this(turns, writers, maxBatch, queueCapacity, waitMillis, Metrics.in(new MetricRegistry()));
    }

    /**
     * {@code writers} threads (a connection each), up to {@code maxBatch} saves a transaction, {@code queueCapacity}
     * saves waiting at most (beyond: 503), {@code waitMillis} ms before a waiting save gives up (503).
     */
    public SaveBatcher(TurnStore turns, int writers, int maxBatch, int queueCapacity, long waitMillis,
                       Metrics metrics) {
        this.turns = turns;
        this.metrics = metrics;
        this.writers = writers;
        this.maxBatch = maxBatch;
        this.waitMillis = waitMillis;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    @Override
    public Optional<SaveOutcome> write(ConversationWrite conversation) {
        if (!running) {
            throw new ServiceUnavailableException("the service is stopping; save again in a moment");
        }
        Pending pending = new Pending(conversation, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw new ServiceUnavailableException("too many saves at once; save again in a moment");
        }
        try {
            return pending.result().get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            pending.result().cancel(false); // not written yet: the writer skips it
            throw new ServiceUnavailableException("the database did not confirm the save in time; save again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("the save was interrupted; save again");
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < writers; i++) {
            Thread thread = new Thread(this::loop, "save-writer-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Stops taking saves, lets the writers finish their batch, then writes what is still queued. */
    @Override
    public void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            write(left);
        }
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            write(batch);
            batch.clear();
        }
    }

    /** Writes the saves in rounds of distinct chats, in arrival order. */
    private void write(List<Pending> saves) {
        List<Pending> remaining = saves;
        while (!remaining.isEmpty()) {
            List<Pending> round = new ArrayList<>();
            List<Pending> later = new ArrayList<>();
            Set<UUID> ids = new HashSet<>();
            for (Pending pending : remaining) {
                if (pending.result().isDone()) {
                    continue; // its request gave up waiting
                }
                (ids.add(pending.write().conversationId()) ? round : later).add(pending);
            }
            writeRound(round);
            remaining = later;
        }
    }

    private void writeRound(List<Pending> round) {
        if (round.isEmpty()) {
            return; // every request of the round gave up waiting: nothing to write
        }
        try {
            List<ConversationWrite> writes = round.stream().map(Pending::write).toList();
            long start = System.nanoTime();
            Map<UUID, SaveOutcome> outcomes = turns.insertAll(writes);
            metrics.commit().update(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            metrics.savesPerBatch().update(round.size());
            for (Pending pending : round) {
                SaveOutcome outcome = outcomes.get(pending.write().conversationId());
                if (outcome != null && !outcome.inserted()) {
                    metrics.repeated().inc();
                }
                pending.result().complete(Optional.ofNullable(outcome));
            }
        } catch (RuntimeException e) {
            metrics.failed().inc();
            if (SqlStates.unavailable(e)) {
                // the saves waiting behind this batch would fail the same way, each after its own timeout
                List<Pending> waiting = new ArrayList<>();
                queue.drainTo(waiting);
                round.forEach(pending -> pending.result().completeExceptionally(e));
                waiting.forEach(pending -> pending.result().completeExceptionally(e));
                return;
            }
            if (round.size() == 1 || !isDataError(e)) {
                round.forEach(pending -> pending.result().completeExceptionally(e));
                return;
            }
            LOG.warn("A batch of {} saves failed on a row's data; writing each alone", round.size());
            for (Pending pending : round) {
                writeRound(List.of(pending));
            }
        }
    }

    /**
     * A row's own data was refused (SQLSTATE classes 22 and 23): the others may be fine. Anything else (no
     * connection, a timeout) would fail each of them the same way, so the whole batch fails at once.
     */
    private static boolean isDataError(Throwable error) {
        return SqlStates.any(error, state -> state.startsWith("22") || state.startsWith("23"));
    }
}
