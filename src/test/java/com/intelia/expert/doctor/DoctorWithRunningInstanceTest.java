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

import java.util.Map;

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
    @RegisterExtension
    static final WireMockExtension OPENAI = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private Map<String, String> environment(TestDatabase database) {
        return OpenAiModels.environment(database, OPENAI);
    }

    private void openAiAccepts() {
        OpenAiModels.accept(OPENAI);
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
                .doesNotContain("FAIL").doesNotContain(OpenAiModels.KEY);
        OPENAI.verify(1, getRequestedFor(urlEqualTo("/v1/models")));
    }
}
