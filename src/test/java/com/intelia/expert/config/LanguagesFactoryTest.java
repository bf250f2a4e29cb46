package com.intelia.expert.config;

import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The languages section of config.yml, as the service reads and checks it at start-up. */
class LanguagesFactoryTest {

    private static Set<ConstraintViolation<LanguagesFactory>> problems(String yamlAsJson) throws Exception {
        return Validators.newValidator().validate(Jackson.newObjectMapper().readValue(yamlAsJson, LanguagesFactory.class));
    }

    @Test
    void theDefaultLanguagesAreTheOnesTheProductAnswersIn() throws Exception {
        assertThat(problems("{}")).isEmpty();
        assertThat(new LanguagesFactory().build().languages())
                .containsExactlyInAnyOrder("fr", "en", "es", "de", "it", "pt", "nl", "pl", "th", "zh", "hi", "id", "ar");
    }

    @Test
    void aCodeTheDetectorHasNoProfileForStopsTheStart() throws Exception {
        assertThat(problems("{\"detected\":[\"fr\",\"ru\",\"ja\"]}")).isEmpty();
        assertThat(problems("{\"detected\":[\"fr\",\"xx\"]}")).singleElement()
                .extracting(ConstraintViolation::getMessage).asString().contains("languages.detected must list ISO 639-1");
        assertThat(problems("{\"detected\":[\"FR\"]}")).hasSize(1);
        assertThat(problems("{\"detected\":[]}")).hasSize(1);
    }
}
