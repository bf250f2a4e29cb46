package com.intelia.expert.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.intelia.expert.db.ReplicaReads;
import com.intelia.expert.health.ReplicaMonitor;

/**
 * Gauges of the read node, registered only when one is configured, for /metrics: whether reads go to it now
 * ({@code read_node_reads_on_replica}, 1 or 0), its replication lag in seconds as last probed
 * ({@code read_node_lag_seconds}, -1 when unknown or unreachable), and how many reads the primary served in its place
 * since start ({@code read_node_reads_on_primary}). Its pool is {@code ..._ManagedPooledDataSource_postgresql_read_*}.
 */
public final class ReadNodeMetrics {

    private ReadNodeMetrics() {
    }

    public static void register(MetricRegistry metrics, ReplicaMonitor monitor, ReplicaReads reads) {
        metrics.register("read-node.reads-on-replica", (Gauge<Integer>) () -> monitor.readsGoToReplica() ? 1 : 0);
        metrics.register("read-node.lag-seconds", (Gauge<Double>) () -> {
            Double lag = monitor.current().lagSeconds();
            return lag == null ? -1.0 : lag;
        });
        metrics.register("read-node.reads-on-primary", (Gauge<Long>) reads::readsOnPrimary);
    }
}
