package com.intelia.expert.health;

import com.codahale.metrics.health.HealthCheck;
import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.postgres.PostgresProbe;

/** The admin port's {@code postgresql} check, answered by the same probe as the public health JSON. */
public final class PostgresHealthCheck extends HealthCheck {

    private final PostgresProbe probe;

    public PostgresHealthCheck(PostgresProbe probe) {
        this.probe = probe;
    }

    @Override
    protected Result check() {
        DatabaseStatus status = probe.check();
        ResultBuilder result = Result.builder().withDetail("latency_ms", status.latencyMs());
        return status.isUnhealthy()
                ? result.unhealthy().withMessage(status.error()).build()
                : result.healthy().build();
    }
}
