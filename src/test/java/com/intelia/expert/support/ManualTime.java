package com.intelia.expert.support;

import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Time that moves only when a test says so: a Clock for the circuit breaker and a Ticker for Caffeine. */
public final class ManualTime extends Clock implements Ticker {

    private final AtomicLong nanos = new AtomicLong(Instant.parse("2025-10-10T10:00:00Z").toEpochMilli() * 1_000_000);

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long read() {
        return nanos.get();
    }

    @Override
    public Instant instant() {
        long now = nanos.get();
        return Instant.ofEpochSecond(now / 1_000_000_000, now % 1_000_000_000);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
