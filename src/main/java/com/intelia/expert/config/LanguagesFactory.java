package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.intelia.expert.core.QuestionLanguage;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotEmpty;

import java.util.List;

/** The languages section of config.yml: what a question saved without a language may be detected as. */
public class LanguagesFactory {

    /** ISO 639-1 codes, the languages the product answers in; each costs about 0.6 MB of heap. */
    @JsonProperty @NotEmpty private List<String> detected = QuestionLanguage.DEFAULT_LANGUAGES;

    public List<String> getDetected() { return detected; }

    @JsonIgnore
    @ValidationMethod(message = "languages.detected must list ISO 639-1 codes in lower case that the language detector"
            + " has a profile for (such as fr, en, es, de, it, pt, nl, pl, th, zh, hi, id, ar)")
    public boolean isDetectable() {
        return detected == null || QuestionLanguage.DETECTABLE.containsAll(detected);
    }

    /** Loads the detector's profiles of these languages (about 0.1 s per language). */
    public QuestionLanguage build() {
        return new QuestionLanguage(detected);
    }
}
