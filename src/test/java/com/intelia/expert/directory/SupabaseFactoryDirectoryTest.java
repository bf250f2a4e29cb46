package com.intelia.expert.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.intelia.expert.config.SupabaseFactory;
import com.intelia.expert.directory.ProfileLookup.Status;
import com.intelia.expert.support.SupabaseStub;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.intelia.expert.support.SupabaseStub.rows;
import static com.intelia.expert.support.SupabaseStub.users;
import static com.intelia.expert.support.SupabaseStub.usersRequested;
import static org.assertj.core.api.Assertions.assertThat;

/** The directory as the application builds it: Dropwizard's Jersey client, the cache, the YAML settings. */
class SupabaseFactoryDirectoryTest {

    @RegisterExtension
    static final WireMockExtension SUPABASE = SupabaseStub.server();

    private final UUID marie = UUID.fromString("843d440a-51b4-4c8f-9b2e-3f1c2d4e5a6b");
    private final SupabaseFactory factory = SupabaseStub.factory(SUPABASE.baseUrl());

    private CachingUserDirectory productionDirectory() {
        return factory.buildDirectory(new Environment("directory-test"));
    }

    private int requests() {
        return SUPABASE.findAll(usersRequested()).size();
    }

    @Test
    void aSecondLookupOfAPageIsServedFromTheCacheWithoutAnyRequest() {
        SUPABASE.stubFor(users().willReturn(rows(marie)));
        CachingUserDirectory directory = productionDirectory();
        UUID orphan = UUID.randomUUID();

        directory.lookup(List.of(marie, orphan));
        ProfileLookup again = directory.lookup(List.of(marie, orphan)).get(marie);

        assertThat(again.status()).isEqualTo(Status.FOUND);
        assertThat(again.profile().email()).isEqualTo("843d440a@ferme.fr");
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void theDropwizardClientGivesUpAtTheReadTimeout() {
        SUPABASE.stubFor(users().willReturn(rows(marie).withFixedDelay(4_000)));

        long start = System.nanoTime();
        ProfileLookup lookup = productionDirectory().lookup(marie);

        assertThat(lookup.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(lookup.reason()).contains("timeout");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(3_000));
    }

    @Test
    void manyThreadsAskingTheSameUncachedIdAtOnceMakeOneRequest() throws Exception {
        SUPABASE.stubFor(users().willReturn(rows(marie).withFixedDelay(150)));
        CachingUserDirectory directory = productionDirectory();
        int threads = 6;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ProfileLookup>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return directory.lookup(marie);
                }));
            }
            for (Future<ProfileLookup> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.FOUND);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void theYamlSettingsAreOptionalWithDefaultsInJava() throws Exception {
        SupabaseFactory defaults = parse("url: https://abcd.supabase.co\nkey: anon\n");

        assertThat(defaults.getConnectTimeout()).isEqualTo(Duration.seconds(1));
        assertThat(defaults.getReadTimeout()).isEqualTo(Duration.seconds(2));
        assertThat(defaults.getProfileCacheTtl()).isEqualTo(Duration.minutes(5));
        assertThat(defaults.getMissingCacheTtl()).isEqualTo(Duration.seconds(30));
    }

    @Test
    void theYamlSettingsAreReadInCamelCase() throws Exception {
        SupabaseFactory custom = parse("url: https://abcd.supabase.co\nkey: anon\nconnectTimeout: 250ms\n"
                + "readTimeout: 750ms\nprofileCacheTtl: 10m\nmissingCacheTtl: 5s\nretryAttempts: 3\n"
                + "circuitBreakerOpenWait: 1m\n");

        assertThat(custom.getConnectTimeout()).isEqualTo(Duration.milliseconds(250));
        assertThat(custom.getReadTimeout()).isEqualTo(Duration.milliseconds(750));
        assertThat(custom.getProfileCacheTtl()).isEqualTo(Duration.minutes(10));
        assertThat(custom.getMissingCacheTtl()).isEqualTo(Duration.seconds(5));
    }

    private static SupabaseFactory parse(String yaml) throws Exception {
        ObjectMapper mapper = Jackson.newObjectMapper();
        YamlConfigurationFactory<SupabaseFactory> factory = new YamlConfigurationFactory<>(
                SupabaseFactory.class, Validators.newValidator(), mapper, "supabase");
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "supabase.yml");
    }
}
