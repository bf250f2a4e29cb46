package com.intelia.expert.health;

import com.codahale.metrics.health.HealthCheck;
import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.directory.UserDirectory;

/**
 * The admin port's {@code supabase} check, answered by the same probe as the public health JSON. A directory
 * that is not configured (development) is healthy with a message saying so.
 */
public final class SupabaseHealthCheck extends HealthCheck {

    private final UserDirectory directory;

    public SupabaseHealthCheck(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected Result check() {
        DatabaseStatus status = directory.health();
        ResultBuilder result = Result.builder();
        if (status.latencyMs() != null) {
            result.withDetail("latency_ms", status.latencyMs());
        }
        if (status.isUnhealthy()) {
            return result.unhealthy().withMessage(status.error()).build();
        }
        return DatabaseStatus.NOT_CONFIGURED.equals(status.status())
                ? result.healthy().withMessage(status.error()).build()
                : result.healthy().build();
    }
}
