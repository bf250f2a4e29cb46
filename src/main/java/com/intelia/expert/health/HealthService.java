package com.intelia.expert.health;

import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.api.HealthReport;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Combines the checks of both databases into the public health report: PostgreSQL down makes the
 * service unhealthy, Supabase down only degraded (statistics still work, with names unavailable).
 */
public final class HealthService {

    private final Supplier<DatabaseStatus> postgres;
    private final Supplier<DatabaseStatus> supabase;
    private final String version;
    private final Clock clock;

    public HealthService(Supplier<DatabaseStatus> postgres, Supplier<DatabaseStatus> supabase, String version,
                         Clock clock) {
        this.postgres = postgres;
        this.supabase = supabase;
        this.version = version;
        this.clock = clock;
    }

    public HealthReport report() {
        DatabaseStatus pg = postgres.get();
        DatabaseStatus sb = supabase.get();
        Map<String, DatabaseStatus> databases = new LinkedHashMap<>();
        databases.put("postgresql", pg);
        databases.put("supabase", sb);
        String status = pg.isUnhealthy() ? HealthReport.UNHEALTHY
                : sb.isUnhealthy() ? HealthReport.DEGRADED : HealthReport.HEALTHY;
        return new HealthReport(status, databases, version,
                clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    }
}
