package com.intelia.expert.directory;

import com.codahale.metrics.health.HealthCheck;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.config.SupabaseFactory;
import com.intelia.expert.health.SupabaseHealthCheck;
import com.intelia.expert.support.ManualTime;
import com.intelia.expert.support.SupabaseStub;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.intelia.expert.support.SupabaseStub.SERVICE_KEY;
import static com.intelia.expert.support.SupabaseStub.json;
import static com.intelia.expert.support.SupabaseStub.postgrestError;
import static com.intelia.expert.support.SupabaseStub.users;
import static com.intelia.expert.support.SupabaseStub.usersRequested;
import static org.assertj.core.api.Assertions.assertThat;

/** The Supabase health probe, as the public health JSON and the admin /healthcheck show it. */
class SupabaseHealthTest {

    @RegisterExtension
    static final WireMockExtension SUPABASE = SupabaseStub.server();

    private final Client client = ClientBuilder.newClient();
    private final SupabaseFactory factory = SupabaseStub.factory(SUPABASE.baseUrl());

    @AfterEach
    void close() {
        client.close();
    }

    private DatabaseStatus health() {
        return factory.buildDirectory(client, new ManualTime(), new ManualTime()).health();
    }

    @Test
    void healthyWhenTheProbeAnswers200() {
        SUPABASE.stubFor(users().willReturn(json(200, "[]")));

        DatabaseStatus status = health();

        assertThat(status.status()).isEqualTo(DatabaseStatus.HEALTHY);
        assertThat(status.latencyMs()).isNotNull().isGreaterThanOrEqualTo(0.0);
        SUPABASE.verify(1, usersRequested().withQueryParam("select", equalTo("id"))
                .withQueryParam("limit", equalTo("1")).withHeader("apikey", equalTo(SERVICE_KEY)));
    }

    @Test
    void aMissingTableSaysToApplyTheSchema() {
        SUPABASE.stubFor(users().willReturn(SupabaseStub.tableMissing()));

        DatabaseStatus status = health();

        assertThat(status.isUnhealthy()).isTrue();
        assertThat(status.error()).contains("public.users is missing")
                .contains("apply the Supabase schema (public.users)");
    }

    @Test
    void aMissingTableOnAnOlderServerSaysTheSame() {
        SUPABASE.stubFor(users().willReturn(postgrestError(404, "42P01", "relation \\\"public.users\\\" does not exist")));

        assertThat(health().error()).contains("apply the Supabase schema (public.users)");
    }

    @Test
    void aKeyRejectedByTheGatewaySaysWhichSettingToCheck() {
        SUPABASE.stubFor(users().willReturn(SupabaseStub.invalidApiKey()));

        DatabaseStatus status = health();

        assertThat(status.isUnhealthy()).isTrue();
        assertThat(status.error()).contains("Invalid API key")
                .contains("check SUPABASE_KEY / SUPABASE_SERVICE_KEY").doesNotContain(SERVICE_KEY);
    }

    @Test
    void aKeyPostgrestCannotVerifySaysWhichSettingToCheck() {
        SUPABASE.stubFor(users().willReturn(postgrestError(401, "PGRST301", "No suitable key or wrong key type")
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")));

        assertThat(health().error()).contains("PGRST301").contains("check SUPABASE_KEY / SUPABASE_SERVICE_KEY");
    }

    @Test
    void anUnreachableSupabaseIsReportedUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        factory.setUrl("http://127.0.0.1:" + closedPort);

        DatabaseStatus status = health();

        assertThat(status.isUnhealthy()).isTrue();
        assertThat(status.error()).contains("unreachable");
    }

    @Test
    void aSlowSupabaseIsReportedUnreachableByTimeout() {
        SUPABASE.stubFor(users().willReturn(json(200, "[]").withFixedDelay(4_000)));

        assertThat(health().error()).contains("unreachable").contains("timeout");
    }

    @Test
    void theAdminHealthCheckIsUnhealthyWithTheSameMessage() {
        SUPABASE.stubFor(users().willReturn(SupabaseStub.tableMissing()));

        HealthCheck.Result result = new SupabaseHealthCheck(factory.buildDirectory(client, new ManualTime(),
                new ManualTime())::health).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("apply the Supabase schema (public.users)");
    }

    @Test
    void theAdminHealthCheckIsHealthyWhenSupabaseAnswers() {
        SUPABASE.stubFor(users().willReturn(json(200, "[{\"id\":\"843d440a-51b4-4c8f-9b2e-3f1c2d4e5a6b\"}]")));

        HealthCheck.Result result = new SupabaseHealthCheck(factory.buildDirectory(client, new ManualTime(),
                new ManualTime())::health).execute();

        assertThat(result.isHealthy()).isTrue();
        assertThat(result.getDetails()).containsKey("latency_ms");
    }

    @Test
    void anUnconfiguredSupabaseIsNotAFailureOfTheAdminHealthCheck() {
        factory.setUrl(null);

        HealthCheck.Result result = new SupabaseHealthCheck(factory.buildDirectory(client, new ManualTime(),
                new ManualTime())::health).execute();

        assertThat(result.isHealthy()).isTrue();
        assertThat(result.getMessage()).contains("not configured");
        assertThat(SUPABASE.getAllServeEvents()).isEmpty();
    }
}
