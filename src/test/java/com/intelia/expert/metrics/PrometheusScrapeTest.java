package com.intelia.expert.metrics;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.SupabaseStub;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** A Prometheus scrape of the admin port's /metrics, as a scraper reads it, with the figures README says to alert on. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PrometheusScrapeTest {

    private static final WireMockServer SUPABASE = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        SUPABASE.start();
        SUPABASE.stubFor(SupabaseStub.users().willReturn(SupabaseStub.json(200, "[]")));
    }

    @AfterAll
    static void stopSupabase() {
        SUPABASE.stop();
    }

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        all.add(ConfigOverride.config("supabase.url", SUPABASE.baseUrl()));
        all.add(ConfigOverride.config("supabase.key", SupabaseStub.ANON_KEY));
        all.add(ConfigOverride.config("supabase.serviceKey", SupabaseStub.SERVICE_KEY));
        return all.toArray(new ConfigOverride[0]);
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAdminPortServesTheRegistryInPrometheusTextFormat() throws Exception {
        UUID user = UUID.randomUUID();
        assertThat(get(APP.getLocalPort(), "/api/health", null).statusCode()).isEqualTo(200);
        assertThat(get(APP.getLocalPort(), "/api/v1/conversations/user/" + user,
                TestTokens.hs256(user, claims -> claims)).statusCode()).isEqualTo(200);

        HttpResponse<String> scrape = get(APP.getAdminPort(), "/metrics", null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String body = scrape.body();
        Files.writeString(Path.of("target", "prometheus-scrape.txt"), body); // README's sample comes from here
        assertThat(body).as("JVM").contains("jvm_memory_heap_used ", "jvm_threads_count ", "jvm_gc_G1_Old_Generation_count ");
        assertThat(body).as("Jetty").contains("io_dropwizard_jetty_MutableServletContextHandler_requests",
                "io_dropwizard_jetty_MutableServletContextHandler_5xx_responses_total",
                "org_eclipse_jetty_util_thread_QueuedThreadPool_dw_utilization");
        assertThat(body).as("the PostgreSQL pool").contains("io_dropwizard_db_ManagedPooledDataSource_postgresql_active ",
                "io_dropwizard_db_ManagedPooledDataSource_postgresql_waiting ");
        assertThat(body).as("a timer per resource method").contains(
                "com_intelia_expert_resources_HealthResource_health_count 1",
                "com_intelia_expert_resources_ConversationResource_");
        assertThat(body).as("Supabase").contains("supabase_circuit_state ", "supabase_health_up ",
                "supabase_health_age_seconds ", "directory_profile_cache_hit_rate ",
                "org_apache_hc_client5_http_classic_HttpClient_supabase_get_requests");
        assertThat(body).as("one sample per line, no JSON").doesNotContain("{\"version\"");
    }
}
