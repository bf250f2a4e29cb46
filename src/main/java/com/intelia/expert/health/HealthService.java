package com.intelia.expert.health;

import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.api.HealthReport;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Combines the checks of the databases into the public health report: PostgreSQL down makes the service unhealthy,
 * Supabase down only degraded (statistics still work, with names unavailable), and so does a read node that is down
 * or not a standby (the primary serves its reads). The read node, when configured, is {@code postgresql_read}. While
 * the instance warms up it is unhealthy (503) with {@code starting} true, whatever the databases say, so that the
 * platform's readiness check sends it no traffic yet.
 */
public final class HealthService {

    /** The read node's key in the report's databases. */
    public static final String READ_NODE = "postgresql_read";

    private final Supplier<DatabaseStatus> postgres;
    private final Supplier<DatabaseStatus> supabase;
    private final Optional<Supplier<DatabaseStatus>> readNode;
    private final BooleanSupplier ready;
    private final String version;
    private final Clock clock;

    /**
     * readNode: the read node's last probe (health/ReplicaMonitor), empty when none is configured; ready: false
     * while the instance warms up (http/WarmUp), when the report is unhealthy with {@code starting} true.
     */
    public HealthService(Supplier<DatabaseStatus> postgres, Supplier<DatabaseStatus> supabase,
                         Optional<Supplier<DatabaseStatus>> readNode, BooleanSupplier ready, String version,
                         Clock clock) {
        this.postgres = postgres;
        this.supabase = supabase;
        this.readNode = readNode;
        this.ready = ready;
        this.version = version;
        this.clock = clock;
    }

    public HealthReport report() {
        DatabaseStatus pg = postgres.get();
        DatabaseStatus sb = supabase.get();
        DatabaseStatus read = readNode.map(Supplier::get).orElse(null);
        Map<String, DatabaseStatus> databases = new LinkedHashMap<>();
        databases.put("postgresql", pg);
        databases.put("supabase", sb);
        if (read != null) {
            databases.put(READ_NODE, read);
        }
        boolean starting = !ready.getAsBoolean();
        String status = pg.isUnhealthy() || starting ? HealthReport.UNHEALTHY
                : sb.isUnhealthy() || (read != null && read.isUnhealthy()) ? HealthReport.DEGRADED
                : HealthReport.HEALTHY;
        return new HealthReport(status, starting ? Boolean.TRUE : null, databases, version,
                clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    }
}
