package com.intelia.expert.config;

import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ALLOWED_ORIGINS as the CORS handler receives it: a trimmed list, the local frontend by default outside production. */
class AllowedOriginsTest {

    private static ExpertConfiguration config(String environment, String origins) {
        Map<String, Object> values = new HashMap<>();
        values.put("environment", environment);
        values.put("allowedOrigins", origins);
        return Jackson.newObjectMapper().convertValue(values, ExpertConfiguration.class);
    }

    @Test
    void aCommaListBecomesExactTrimmedOrigins() {
        assertThat(config("production", " https://expert.intelia.com , https://admin.intelia.com,").effectiveAllowedOrigins())
                .containsExactly("https://expert.intelia.com", "https://admin.intelia.com");
    }

    @Test
    void anEmptyListOutsideProductionAllowsTheLocalFrontend() {
        assertThat(config("development", "").effectiveAllowedOrigins()).containsExactly("http://localhost:3000");
        assertThat(config("staging", null).effectiveAllowedOrigins()).containsExactly("http://localhost:3000");
    }

    @Test
    void anEmptyListInProductionAllowsNoOrigin() {
        assertThat(config("production", "").effectiveAllowedOrigins()).isEmpty();
    }
}
