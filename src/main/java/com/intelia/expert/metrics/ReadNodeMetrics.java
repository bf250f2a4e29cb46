package com.intelia.expert.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.intelia.expert.db.ReplicaReads;
import com.intelia.expert.health.ReplicaMonitor;

/**
 * Metrics of the read node, registered only when one is configured, for /metrics: whether reads go to it now
 * ({@code read_node_reads_on_replica}, a gauge, 1 or 0), its replication lag in seconds as last probed
 * ({@code read_node_lag_seconds}, a gauge, -1 when unknown or unreachable), and how many reads the primary served in
 * its place since start ({@code read_node_reads_on_primary}). The last is a counter, not a gauge, since it only grows:
 * Prometheus's conventions make a running count a counter, the type {@code rate()} and {@code increase()} expect (they
 * read a restart's drop to 0 as a reset). Prometheus's names give a counter's sample a {@code _total} suffix,
 * so its series is {@code read_node_reads_on_primary_total} ({@code # TYPE read_node_reads_on_primary_total counter}
 * in the plain text format, {@code # TYPE read_node_reads_on_primary counter} in OpenMetrics, which a Prometheus
 * server asks for); in the Dropwizard registry it is the counter {@code read-node.reads-on-primary}. Its pool is
 * {@code ..._ManagedPooledDataSource_postgresql_read_*}.
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
        metrics.register("read-node.reads-on-primary", reads.readsOnPrimary());
    }
}
