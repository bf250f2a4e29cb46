package com.intelia.expert.doctor;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * doctor with the health URL of a running instance. Kept apart: a running app's configuration
 * overrides are system properties that every command in the JVM would read while it runs.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DoctorWithRunningInstanceTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", DATABASE.configOverrides());
    private static final String KEY = "sk-test-doctor-0123456789abcdef";

    @RegisterExtension
    static final WireMockExtension OPENAI = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private Map<String, String> environment(TestDatabase database) {
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("OPENAI_API_KEY", KEY);
        env.put("OPENAI_BASE_URL", OPENAI.baseUrl());
        return env;
    }

    private void openAiAccepts() {
        OPENAI.stubFor(get("/v1/models").withHeader("Authorization", equalTo("Bearer " + KEY)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\","
                        + "\"created\":1686935002,\"owned_by\":\"system\"}]}")));
    }

    private String healthUrl() {
        return "http://localhost:" + APP.getLocalPort() + "/api/health";
    }

    @Test
    void aHealthySetupPassesEveryCheck() {
        openAiAccepts();

        CliRunner.Result result = CliRunner.run(environment(DATABASE), "doctor", "config.yml", "--health-url", healthUrl());

        assertThat(result.success()).as(result.output()).isTrue();
        assertThat(result.stdout()).contains("ok    configuration", "ok    postgresql", "ok    migrations",
                "ok    openai: key accepted", "ok    health " + healthUrl() + ": HTTP 200, status healthy")
                .doesNotContain("FAIL").doesNotContain(KEY);
        OPENAI.verify(1, getRequestedFor(urlEqualTo("/v1/models")));
    }
}
