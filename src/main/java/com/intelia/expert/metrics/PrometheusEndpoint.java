package com.intelia.expert.metrics;

import com.codahale.metrics.MetricFilter;
import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The Dropwizard metrics registry (JVM, Jetty, the PostgreSQL pool, resource timers, Supabase, caches) in
 * Prometheus text format on the admin port's {@code /metrics}, where scrapers look for it. It takes the place of
 * Dropwizard's JSON metrics page at that path.
 */
public final class PrometheusEndpoint {

    public static final String PATH = "/metrics";

    private PrometheusEndpoint() {
    }

    /**
     * Jersey's per-method {@code .total}, {@code .request.filtering} and {@code .response.filtering} timers are left
     * out: the method's own timer says the same, and Prometheus names drop a {@code _total} suffix, so
     * {@code X.total} would collide with {@code X} and fail the whole scrape.
     */
    static final MetricFilter EXPORTED = (name, metric) -> !name.endsWith(".total")
            && !name.endsWith(".request.filtering") && !name.endsWith(".response.filtering");

    public static void register(Environment environment) {
        PrometheusRegistry registry = new PrometheusRegistry();
        DropwizardExports.builder().dropwizardRegistry(environment.metrics()).metricFilter(EXPORTED)
                .register(registry);
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping(PATH);
    }
}
