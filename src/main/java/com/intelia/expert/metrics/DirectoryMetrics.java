package com.intelia.expert.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.directory.CachingUserDirectory;
import com.intelia.expert.health.SupabaseMonitor;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.util.Optional;

/**
 * Gauges for who-a-user-is: the profile cache's hit rate, Supabase's circuit breaker and the background health
 * probe, in the Dropwizard registry that /metrics exports. Supabase's call counts and latencies are the Jersey
 * client's own timers (org.apache.hc.client5...supabase...).
 */
public final class DirectoryMetrics {

    private DirectoryMetrics() {
    }

    public static void register(MetricRegistry metrics, CachingUserDirectory directory,
                                Optional<CircuitBreaker> breaker, SupabaseMonitor monitor) {
        metrics.register("directory.profile-cache.hit-rate", (Gauge<Double>) directory::hitRate);
        metrics.register("directory.profile-cache.hits", (Gauge<Long>) () -> directory.stats().hitCount());
        metrics.register("directory.profile-cache.misses", (Gauge<Long>) () -> directory.stats().missCount());
        metrics.register("directory.profile-cache.size", (Gauge<Long>) directory::size);
        breaker.ifPresent(circuit -> {
            // 0 closed, 1 open, 2 half-open, 3 anything else (disabled, forced open, metrics only)
            metrics.register("supabase.circuit.state", (Gauge<Integer>) () -> switch (circuit.getState()) {
                case CLOSED -> 0;
                case OPEN -> 1;
                case HALF_OPEN -> 2;
                default -> 3;
            });
            metrics.register("supabase.circuit.failure-rate-percent",
                    (Gauge<Float>) () -> Math.max(0f, circuit.getMetrics().getFailureRate()));
            metrics.register("supabase.circuit.not-permitted-calls",
                    (Gauge<Long>) () -> circuit.getMetrics().getNumberOfNotPermittedCalls());
        });
        metrics.register("supabase.health.up", (Gauge<Integer>) () ->
                DatabaseStatus.UNHEALTHY.equals(monitor.current().status()) ? 0 : 1);
        metrics.register("supabase.health.age-seconds", (Gauge<Double>) () -> monitor.ageMillis() / 1000.0);
        metrics.register("supabase.health.latency-ms", (Gauge<Double>) () -> {
            Double latency = monitor.current().latencyMs();
            return latency == null ? 0.0 : latency;
        });
    }
}
