package com.intelia.expert.directory;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.intelia.expert.config.SupabaseFactory;
import com.intelia.expert.directory.ProfileLookup.Status;
import com.intelia.expert.support.ManualTime;
import com.intelia.expert.support.SupabaseStub;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.intelia.expert.support.SupabaseStub.SERVICE_KEY;
import static com.intelia.expert.support.SupabaseStub.ids;
import static com.intelia.expert.support.SupabaseStub.postgrestError;
import static com.intelia.expert.support.SupabaseStub.rows;
import static com.intelia.expert.support.SupabaseStub.users;
import static com.intelia.expert.support.SupabaseStub.usersRequested;
import static org.assertj.core.api.Assertions.assertThat;

/** Profiles read from a Supabase stub over real HTTP: batching, and each way Supabase can fail. */
class SupabaseUserDirectoryTest {

    @RegisterExtension
    static final WireMockExtension SUPABASE = SupabaseStub.server();

    private final Client client = ClientBuilder.newClient();
    private final ManualTime time = new ManualTime();
    private final SupabaseFactory factory = SupabaseStub.factory(SUPABASE.baseUrl());
    private final UUID marie = UUID.fromString("843d440a-51b4-4c8f-9b2e-3f1c2d4e5a6b");
    private final UUID orphan = UUID.fromString("0b7c9a8e-1111-4c8f-9b2e-3f1c2d4e5a6b");

    @AfterEach
    void close() {
        client.close();
    }

    private SupabaseUserDirectory directory() {
        return factory.buildSupabaseDirectory(client, time);
    }

    private int requests() {
        return SUPABASE.findAll(usersRequested()).size();
    }

    @Test
    void foundAndMissingIdsAreAnsweredFromOneRequestWithBothKeyHeaders() {
        SUPABASE.stubFor(users().willReturn(rows(marie)));

        Map<UUID, ProfileLookup> result = directory().lookup(List.of(marie, orphan));

        assertThat(result.get(marie).status()).isEqualTo(Status.FOUND);
        assertThat(result.get(marie).profile()).isEqualTo(
                new Profile(marie, "843d440a@ferme.fr", "Marie", "843d440a", "user", "free"));
        assertThat(result.get(orphan).status()).isEqualTo(Status.MISSING);
        SUPABASE.verify(1, usersRequested()
                .withQueryParam("select", equalTo("id,email,first_name,last_name,user_type,plan"))
                .withQueryParam("id", equalTo("in.(" + marie + "," + orphan + ")"))
                .withHeader("apikey", equalTo(SERVICE_KEY))
                .withHeader("Authorization", equalTo("Bearer " + SERVICE_KEY)));
    }

    @Test
    void theAnonKeyIsUsedWhenNoServiceKeyIsConfigured() {
        factory.setServiceKey("");
        SUPABASE.stubFor(users().willReturn(rows(marie)));

        directory().lookup(List.of(marie));

        SUPABASE.verify(1, usersRequested().withHeader("apikey", equalTo(SupabaseStub.ANON_KEY))
                .withHeader("Authorization", equalTo("Bearer " + SupabaseStub.ANON_KEY)));
    }

    @Test
    void planCountsReadEveryPageOfProfiles() {
        String fullPage = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> i % 4 == 0 ? "{\"plan\":\"pro\"}" : i % 4 == 1 ? "{\"plan\":null}" : "{\"plan\":\"free\"}")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        SUPABASE.stubFor(users().withQueryParam("select", equalTo("plan"))
                .withQueryParam("offset", equalTo("0"))
                .willReturn(SupabaseStub.json(200, fullPage)));
        SUPABASE.stubFor(users().withQueryParam("select", equalTo("plan"))
                .withQueryParam("offset", equalTo("1000"))
                .willReturn(SupabaseStub.json(200, "[{\"plan\":\"enterprise\"},{\"plan\":\"pro\"}]")));

        PlanCounts plans = directory().planCounts();

        assertThat(plans.available()).isTrue();
        assertThat(plans.users()).containsExactlyInAnyOrderEntriesOf(
                Map.of("pro", 251L, "none", 250L, "free", 500L, "enterprise", 1L));
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void planCountsAreUnavailableWhenSupabaseFails() {
        SUPABASE.stubFor(users().willReturn(SupabaseStub.tableMissing()));

        PlanCounts plans = directory().planCounts();

        assertThat(plans.available()).isFalse();
        assertThat(plans.reason()).contains("public.users");
    }

    @Test
    void aPageOf150IdsIsOneRequest() {
        List<UUID> page = ids(150);
        SUPABASE.stubFor(users().willReturn(rows(page.subList(0, 100))));

        Map<UUID, ProfileLookup> result = directory().lookup(page);

        assertThat(requests()).isEqualTo(1);
        assertThat(result).hasSize(150);
        assertThat(result.values()).filteredOn(l -> l.status() == Status.FOUND).hasSize(100);
        assertThat(result.values()).filteredOn(l -> l.status() == Status.MISSING).hasSize(50);
    }

    @Test
    void fourHundredIdsAreSplitIntoThreeRequestsOfAtMost150() {
        List<UUID> many = ids(400);
        SUPABASE.stubFor(users().willReturn(rows(many)));

        Map<UUID, ProfileLookup> result = directory().lookup(many);

        List<LoggedRequest> sent = SUPABASE.findAll(usersRequested());
        assertThat(sent).hasSize(3);
        assertThat(sent).allSatisfy(request ->
                assertThat(request.queryParameter("id").firstValue().split(",")).hasSizeLessThanOrEqualTo(150));
        assertThat(result).hasSize(400);
        assertThat(result.values()).allSatisfy(l -> assertThat(l.status()).isEqualTo(Status.FOUND));
    }

    @Test
    void aSlowSupabaseMakesNamesUnavailableQuickly() {
        SUPABASE.stubFor(users().willReturn(rows(marie).withFixedDelay(4_000)));

        long start = System.nanoTime();
        ProfileLookup lookup = directory().lookup(marie);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(lookup.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(lookup.reason()).contains("timeout");
        assertThat(elapsed).isLessThan(Duration.ofMillis(3_000));
    }

    @Test
    void aServerErrorIsRetriedThenReportedUnavailable() {
        SUPABASE.stubFor(users().willReturn(postgrestError(503, "08006", "connection to the database failed")));

        ProfileLookup lookup = directory().lookup(marie);

        assertThat(lookup.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(lookup.reason()).contains("503").contains("08006");
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void aServerErrorFollowedBySuccessFindsTheProfile() {
        SUPABASE.stubFor(users().inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(SupabaseStub.json(502, "<html>Bad gateway</html>")).willSetStateTo("recovered"));
        SUPABASE.stubFor(users().inScenario("flaky").whenScenarioStateIs("recovered").willReturn(rows(marie)));

        assertThat(directory().lookup(marie).status()).isEqualTo(Status.FOUND);
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void clientErrorsAreNotRetried() {
        SUPABASE.stubFor(users().willReturn(postgrestError(400, "42703", "column users.plan does not exist")));

        ProfileLookup lookup = directory().lookup(marie);

        assertThat(lookup.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(lookup.reason()).contains("400").contains("42703");
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void aRejectedKeyIsUnavailableNotRetriedAndNeverShowsTheKey() {
        SUPABASE.stubFor(users().willReturn(SupabaseStub.invalidApiKey()));

        ProfileLookup lookup = directory().lookup(marie);

        assertThat(lookup.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(lookup.reason()).contains("API key rejected").contains("401").doesNotContain(SERVICE_KEY);
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void aMissingTableIsUnavailableWithItsName() {
        SUPABASE.stubFor(users().willReturn(SupabaseStub.tableMissing()));

        ProfileLookup lookup = directory().lookup(marie);

        assertThat(lookup.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(lookup.reason()).contains("public.users is missing").contains("PGRST205");
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SupabaseFactory nowhere = SupabaseStub.factory("http://127.0.0.1:" + closedPort);

        ProfileLookup lookup = nowhere.buildSupabaseDirectory(client, time).lookup(marie);

        assertThat(lookup.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(lookup.reason()).contains("connection refused");
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresThenClosesWhenSupabaseRecovers() {
        factory.setRetryAttempts(1);
        SupabaseUserDirectory directory = directory();
        SUPABASE.stubFor(users().willReturn(postgrestError(503, "08006", "connection to the database failed")));
        for (int i = 0; i < 4; i++) {
            assertThat(directory.lookup(marie).status()).isEqualTo(Status.UNAVAILABLE);
        }
        assertThat(requests()).isEqualTo(4);

        ProfileLookup whileOpen = directory.lookup(marie);

        assertThat(whileOpen.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(whileOpen.reason()).contains("circuit open");
        assertThat(requests()).isEqualTo(4);
        assertThat(directory.circuitState()).isEqualTo("OPEN");

        SUPABASE.resetAll();
        SUPABASE.stubFor(users().willReturn(rows(marie)));
        time.advance(Duration.ofSeconds(31));

        assertThat(directory.lookup(marie).status()).isEqualTo(Status.FOUND);
        assertThat(directory.circuitState()).isEqualTo("CLOSED");
        assertThat(directory.lookup(marie).status()).isEqualTo(Status.FOUND);
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void theCircuitStaysOpenBeforeTheWaitIsOver() {
        factory.setRetryAttempts(1);
        SupabaseUserDirectory directory = directory();
        SUPABASE.stubFor(users().willReturn(postgrestError(503, "08006", "connection to the database failed")));
        for (int i = 0; i < 4; i++) {
            directory.lookup(marie);
        }
        SUPABASE.stubFor(users().willReturn(rows(marie)));
        time.advance(Duration.ofSeconds(20));

        assertThat(directory.lookup(marie).reason()).contains("circuit open");
        assertThat(requests()).isEqualTo(4);
    }

    @Test
    void withoutASupabaseUrlEveryIdIsUnavailableAndNothingIsAsked() {
        factory.setUrl("");
        SupabaseUserDirectory directory = directory();

        ProfileLookup lookup = directory.lookup(marie);

        assertThat(lookup.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(lookup.reason()).contains("not configured");
        assertThat(directory.health().status()).isEqualTo("not_configured");
        assertThat(SUPABASE.getAllServeEvents()).isEmpty();
    }

    @Test
    void anEmptyLookupAsksNothing() {
        assertThat(directory().lookup(List.of())).isEmpty();
        assertThat(SUPABASE.getAllServeEvents()).isEmpty();
    }
}
