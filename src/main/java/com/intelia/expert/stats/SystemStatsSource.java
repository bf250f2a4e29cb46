package com.intelia.expert.stats;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.intelia.expert.api.DashboardStats;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The process's own figures for system_stats: JVM uptime, and the request count and 5xx rate (error_rate, in
 * percent) that Dropwizard's instrumented application handler records in the MetricRegistry.
 */
public class SystemStatsSource {

    static final String HANDLER = "io.dropwizard.jetty.MutableServletContextHandler";
    static final String REQUESTS = HANDLER + ".requests";
    static final String SERVER_ERRORS = HANDLER + ".5xx-responses";

    private final MetricRegistry metrics;
    private final DashboardStats.FeaturesEnabled features;

    public SystemStatsSource(MetricRegistry metrics, DashboardStats.FeaturesEnabled features) {
        this.metrics = metrics;
        this.features = features;
    }

    public DashboardStats.SystemStats current() {
        Timer requests = metrics.getTimers().get(REQUESTS);
        Meter errors = metrics.getMeters().get(SERVER_ERRORS);
        long requestCount = requests == null ? 0 : requests.getCount();
        long errorCount = errors == null ? 0 : errors.getCount();
        double errorRate = requestCount == 0 ? 0 : round(100.0 * errorCount / requestCount, 2);
        double uptimeHours = round(ManagementFactory.getRuntimeMXBean().getUptime() / 3_600_000.0, 4);
        return new DashboardStats.SystemStats(
                new DashboardStats.SystemHealth(uptimeHours, requestCount, errorRate, null),
                new DashboardStats.Plans(0, List.of()), // the dashboard fills in the plans it read from the directory
                features);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
