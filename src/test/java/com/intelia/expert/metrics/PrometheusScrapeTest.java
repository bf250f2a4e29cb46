package com.intelia.expert.metrics;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.db.RollupDao;
import com.intelia.expert.support.SupabaseStub;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static HttpResponse<String> save(UUID user, String token) throws Exception {
        return save(UUID.randomUUID(), user, token, "Weight of Ross 308 at day 35?");
    }

    private static HttpResponse<String> save(UUID conversation, UUID user, String token, String question)
            throws Exception {
        String body = "{\"conversation_id\":\"" + conversation + "\",\"user_id\":\"" + user
                + "\",\"question\":\"" + question + "\",\"response\":\"About 2.2 kg.\"}";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort()
                        + "/api/v1/conversations/save")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one sample line ("name value" or "name{labels} value"), or NaN when the scrape has none. */
    private static double sample(String scrape, String name) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : Double.NaN;
    }

    /** Scrapes until {@code name} satisfies {@code until} (the fold runs every second), at most 20 s. */
    private static String scrapeUntil(String name, DoublePredicate until) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String scrape;
        do {
            scrape = get(APP.getAdminPort(), "/metrics", null).body();
            if (until.test(sample(scrape, name))) {
                return scrape;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return scrape;
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
                "com_intelia_expert_resources_HealthResource_health_count ",
                "com_intelia_expert_resources_ConversationResource_");
        assertThat(body).as("Supabase").contains("supabase_circuit_state ", "supabase_health_up ",
                "supabase_health_age_seconds ", "directory_profile_cache_hit_rate ",
                "org_apache_hc_client5_http_classic_HttpClient_supabase_get_requests");
        assertThat(body).as("one sample per line, no JSON").doesNotContain("{\"version\"");
    }

    @Test
    void everyStatementIsTimedUnderItsClassAndMethodNeverItsText() throws Exception {
        UUID user = UUID.randomUUID();
        UUID chat = UUID.randomUUID();
        String token = TestTokens.hs256(user, claims -> claims);
        String question = "Planted question 7c1e: feed per bird at day 12?";
        assertThat(save(chat, user, token, question).statusCode()).isEqualTo(200);
        assertThat(get(APP.getLocalPort(), "/api/v1/conversations/" + chat + "/messages", token).statusCode())
                .isEqualTo(200);
        assertThat(get(APP.getLocalPort(), "/api/v1/conversations/user/" + user, token).statusCode())
                .isEqualTo(200);

        String scrape = get(APP.getAdminPort(), "/metrics", null).body();
        Files.writeString(Path.of("target", "prometheus-scrape-statements.txt"), scrape);
        assertThat(sample(scrape, "com_intelia_expert_db_TurnInserts_insert_count")).as("the save, built by hand")
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "com_intelia_expert_db_ConversationDao_ownerOf_count")).as("a SqlObject method")
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "com_intelia_expert_db_ChatList_page_count")).as("the chat list")
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "com_intelia_expert_db_ChatList_page{quantile=\"0.5\"}")).as("seconds")
                .isBetween(0.0, 5.0);
        assertThat(scrape).as("no SQL and no value in a name or its help").doesNotContain("7c1e", user.toString(),
                chat.toString(), "SELECT", "INSERT INTO", "conversations c");
    }

    @Test
    void saveBatchesAndRollupFoldsAreMeasured() throws Exception {
        UUID user = UUID.randomUUID();
        String token = TestTokens.hs256(user, claims -> claims);
        String first = get(APP.getAdminPort(), "/metrics", null).body();
        double before = sample(first, "saves_batch_saves_count");
        double insertsBefore = sample(first, "com_intelia_expert_db_TurnInserts_insert_count");
        double repeatsBefore = sample(first, "saves_repeated_total");
        int saves = 5;
        UUID chat = UUID.randomUUID();
        assertThat(save(chat, user, token, "Weight of Ross 308 at day 35?").statusCode()).isEqualTo(200);
        for (int i = 1; i < saves; i++) {
            assertThat(save(user, token).statusCode()).isEqualTo(200);
        }
        assertThat(save(chat, user, token, "Weight of Ross 308 at day 35?").statusCode()).as("sent again")
                .isEqualTo(200);

        String scrape = scrapeUntil("rollups_fold_rows_total", rows -> rows >= saves);
        Files.writeString(Path.of("target", "prometheus-scrape-saves.txt"), scrape); // README's sample
        assertThat(sample(scrape, "saves_batch_saves_count") - (Double.isNaN(before) ? 0 : before))
                .as("a batch per save, one after the other").isEqualTo(saves + 1);
        assertThat(sample(scrape, "saves_repeated_total") - (Double.isNaN(repeatsBefore) ? 0 : repeatsBefore))
                .as("the save sent again, answered without a row").isEqualTo(1);
        assertThat(sample(scrape, "saves_batch_saves{quantile=\"0.5\"}")).isBetween(1.0, 64.0);
        assertThat(sample(scrape, "saves_batch_saves{quantile=\"0.99\"}")).isBetween(1.0, 64.0);
        assertThat(sample(scrape, "saves_batch_commit_count")).isGreaterThanOrEqualTo(saves);
        assertThat(sample(scrape, "saves_batch_commit{quantile=\"0.99\"}")).as("seconds").isBetween(0.0, 5.0);
        assertThat(sample(scrape, "saves_batch_failed_total")).isZero();
        assertThat(sample(scrape, "com_intelia_expert_db_TurnInserts_insert_count")
                - (Double.isNaN(insertsBefore) ? 0 : insertsBefore)).as("the save's statement, timed per batch")
                .isEqualTo(saves + 1);
        assertThat(sample(scrape, "com_intelia_expert_db_TurnInserts_insert{quantile=\"0.99\"}")).as("seconds")
                .isBetween(0.0, 5.0);
        assertThat(sample(scrape, "rollups_fold_rows_total")).as("one log row per saved turn").isEqualTo(saves);
        assertThat(sample(scrape, "rollups_fold_rows_per_run_count")).isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "rollups_fold_rows_per_run{quantile=\"0.999\"}")).isBetween(1.0, (double) saves);
        assertThat(sample(scrape, "rollups_fold_duration_count")).isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "rollups_fold_duration{quantile=\"0.99\"}")).as("seconds").isBetween(0.0, 5.0);
        assertThat(sample(scrape, "rollups_fold_last_success_age_seconds")).isBetween(0.0, 10.0);
        assertThat(sample(scrape, "rollups_fold_skipped_total")).isZero();
        assertThat(sample(scrape, "rollups_compaction_skipped_total")).as("hourly: not run yet").isZero();
        assertThat(sample(scrape, "rollups_compaction_last_success_age_seconds")).isGreaterThanOrEqualTo(0);

        Jdbi jdbi = Jdbi.create(DATABASE.dataSource());
        try (Handle otherInstance = jdbi.open()) {
            otherInstance.begin();
            assertThat(new RollupDao(otherInstance).tryLockFolding()).isTrue();
            scrape = scrapeUntil("rollups_fold_skipped_total", skipped -> skipped >= 2);
            otherInstance.rollback();
        }
        assertThat(sample(scrape, "rollups_fold_skipped_total")).as("folds while another instance held the lock")
                .isGreaterThanOrEqualTo(2);
        assertThat(sample(scrape, "rollups_fold_last_success_age_seconds")).as("skips are no success")
                .isGreaterThanOrEqualTo(1.0);
    }
}
