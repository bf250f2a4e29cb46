package com.intelia.expert.health;

import com.codahale.metrics.health.HealthCheck;
import com.intelia.expert.api.DatabaseStatus;

import java.util.function.Supplier;

/**
 * The admin port's {@code supabase} check, answered by the same status as the public health JSON (the service
 * reads it from {@link SupabaseMonitor}, which probes in the background). A directory that is not configured
 * (development) is healthy with a message saying so.
 */
public final class SupabaseHealthCheck extends HealthCheck {

    private final Supplier<DatabaseStatus> status;

    public SupabaseHealthCheck(Supplier<DatabaseStatus> status) {
        this.status = status;
    }

    @Override
    protected Result check() {
        DatabaseStatus status = this.status.get();
        ResultBuilder result = Result.builder();
        if (status.latencyMs() != null) {
            result.withDetail("latency_ms", status.latencyMs());
        }
        if (status.ageMs() != null) {
            result.withDetail("age_ms", status.ageMs());
        }
        if (status.isUnhealthy()) {
            return result.unhealthy().withMessage(status.error()).build();
        }
        return DatabaseStatus.HEALTHY.equals(status.status())
                ? result.healthy().build()
                : result.healthy().withMessage(status.error()).build();
    }
}
