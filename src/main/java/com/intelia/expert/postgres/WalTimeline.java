package com.intelia.expert.postgres;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * Where the primary's WAL was (its position in bytes, {@code pg_current_wal_lsn()}) at the times the read node's probe
 * asked (System.nanoTime), over the last ten minutes. A standby that has replayed up to position R holds everything
 * the primary had written at the last of these times when the primary was at or before R: its data is at most the
 * time since then old, and more than the time since the next sample. That bound, unlike the age of the last
 * transaction it replayed ({@code pg_last_xact_replay_timestamp()}), does not count the minutes the primary was idle.
 * Safe for concurrent use.
 */
final class WalTimeline {

    private static final long HORIZON_NANOS = TimeUnit.MINUTES.toNanos(10);

    private record Sample(long nanos, long position) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /** The primary was at {@code position} at or after {@code nanos}; forgets samples past the horizon. */
    synchronized void add(long nanos, long position) {
        samples.addLast(new Sample(nanos, position));
        while (!samples.isEmpty() && nanos - samples.peekFirst().nanos() > HORIZON_NANOS) {
            samples.removeFirst();
        }
    }

    /**
     * Seconds from the last sample at or before {@code replayed} to {@code nowNanos}: at most how far behind a standby
     * that has replayed up to there is. Empty when every sample kept is past it (further behind than the samples go).
     */
    synchronized OptionalDouble secondsSinceReached(long replayed, long nowNanos) {
        Iterator<Sample> newestFirst = samples.descendingIterator();
        while (newestFirst.hasNext()) {
            Sample sample = newestFirst.next();
            if (sample.position() <= replayed) {
                return OptionalDouble.of(seconds(nowNanos - sample.nanos()));
            }
        }
        return OptionalDouble.empty();
    }

    /** nanos in seconds, to the millisecond. */
    static double seconds(long nanos) {
        return Math.max(0, Math.round(nanos / 1_000_000.0) / 1000.0);
    }
}
