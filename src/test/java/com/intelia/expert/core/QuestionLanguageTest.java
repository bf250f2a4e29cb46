package com.intelia.expert.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The language stored with a question, on poultry questions written for this test in the configured languages
 * (src/test/resources/languages: 104 questions of 6 to 15 words, 67 of 3 to 6).
 */
class QuestionLanguageTest {

    private static final QuestionLanguage LANGUAGES = QuestionLanguage.standard();

    private record Labelled(String language, String question) {
    }

    private static List<Labelled> corpus(String name) throws IOException {
        List<Labelled> questions = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                QuestionLanguageTest.class.getResourceAsStream("/languages/" + name), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split("\t", 2);
                questions.add(new Labelled(fields[0], fields[1]));
            }
        }
        return questions;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "fr | Pourquoi mes poules pondeuses ont-elles arrêté de pondre cette semaine ?",
            "en | How much water should 10,000 broilers drink per day in hot weather?",
            "es | ¿Cómo puedo reducir la mortalidad de los pollitos en la primera semana?",
            "de | Welche Stalltemperatur brauchen Küken in der ersten Woche?",
            "it | Come posso ridurre la mortalità dei pulcini nella prima settimana?",
            "pt | Por que minhas galinhas poedeiras estão botando menos ovos?",
            "nl | Hoe kan ik de uitval van kuikens in de eerste week verlagen?",
            "pl | Jak zmniejszyć śmiertelność piskląt w pierwszym tygodniu?",
            "th | จะลดอัตราการตายของลูกไก่ในสัปดาห์แรกได้อย่างไร",
            "zh | 如何降低雏鸡第一周的死亡率？",
            "hi | पहले सप्ताह में चूजों की मृत्यु दर कैसे कम करें?",
            "id | Bagaimana cara menurunkan kematian anak ayam di minggu pertama?",
            "ar | كيف يمكن تقليل نفوق الكتاكيت في الأسبوع الأول؟",
            "zh | 如何降低雛雞第一週的死亡率？"})
    void aQuestionIsStoredInTheLanguageItIsWrittenIn(String language, String question) {
        assertThat(LANGUAGES.languageOf(question)).isEqualTo(language);
    }

    @Test
    void questionsOfSixWordsOrMoreAreDetectedRightInEveryLanguage() throws IOException {
        Map<String, Integer> missed = misses(corpus("questions.tsv"));

        assertThat(missed.values().stream().mapToInt(Integer::intValue).sum()).as("misses among 104, %s", missed)
                .isLessThanOrEqualTo(2);
        assertThat(missed.values()).as("misses per language of 8").allMatch(count -> count <= 1);
    }

    @Test
    void shortQuestionsAreDetectedRightNineTimesInTen() throws IOException {
        Map<String, Integer> missed = misses(corpus("short-questions.tsv"));

        assertThat(missed.values().stream().mapToInt(Integer::intValue).sum()).as("misses among 67, %s", missed)
                .isLessThanOrEqualTo(6);
    }

    /** Questions the detector got wrong, by their language; a French question stored as fr is right. */
    private static Map<String, Integer> misses(List<Labelled> questions) {
        Map<String, Integer> missed = new TreeMap<>();
        for (Labelled labelled : questions) {
            if (!LANGUAGES.languageOf(labelled.question()).equals(labelled.language())) {
                missed.merge(labelled.language(), 1, Integer::sum);
            }
        }
        return missed;
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "?", "ok", "🐔🐔❓", "👍", "35 j ?", "308", "ไก่", "鸡",
            "merci", "pollo", "hello", "Ross 308", "FCR Ross 308?", "Ross 308 poids 35j",
            "pollo chicken poulet Hähnchen", "Gallus gallus domesticus"})
    void tooShortOrUncertainTextIsStoredAsFrench(String question) {
        assertThat(LANGUAGES.languageOf(question)).isEqualTo("fr");
    }

    @Test
    void aQuestionInALanguageOutsideTheConfiguredOnesIsNeverStoredAsOneOfTheOthers() {
        QuestionLanguage frenchAndEnglish = new QuestionLanguage(List.of("fr", "en"));

        assertThat(frenchAndEnglish.languageOf("¿Cuántos comederos necesito para cinco mil aves?")).isIn("fr", "en");
        assertThat(frenchAndEnglish.languageOf("Wie viele Tränken brauche ich für zehntausend Tiere?")).isIn("fr", "en");
        assertThat(frenchAndEnglish.languageOf("How many drinkers do I need for ten thousand birds?")).isEqualTo("en");
    }

    @Test
    void onlyTheFirstThousandCharactersAreRead() {
        String question = "What is the target weight of Ross 308 broilers at day 35? ".repeat(20)
                + "Quel est le poids cible d'un poulet Ross 308 à 35 jours ? ".repeat(2000);

        assertThat(LANGUAGES.languageOf(question)).isEqualTo("en");
    }

    @ParameterizedTest(name = "[{0}] names {1}")
    @CsvSource(delimiter = '|', value = {
            "fr | fr", "FR | fr", " fr-FR | fr", "fr_CA | fr", "en-US | en", "pt-BR | pt", "zh-Hans-CN | zh",
            "es-419 | es", "IN | id", "iw | he", "ru | ru", "ja-JP | ja"})
    void aLanguageTheClientSendsIsNormalised(String sent, String stored) {
        assertThat(QuestionLanguage.normalised(sent)).isEqualTo(stored);
        assertThat(LANGUAGES.languageOf("How many drinkers do I need for ten thousand birds?", sent)).isEqualTo(stored);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "auto", "french", "xx", "f", "fra", "-fr", "e\u0301n", "12", "zz-ZZ"})
    void aLanguageTheClientSendsThatNamesNoneIsReplacedByTheDetectedOne(String sent) {
        assertThat(QuestionLanguage.normalised(sent)).isNull();
        assertThat(LANGUAGES.languageOf("¿Cuántos comederos necesito para cinco mil aves?", sent)).isEqualTo("es");
    }

    @Test
    void theFirstLanguageTheClientSendsWins() {
        assertThat(LANGUAGES.languageOf("Quel est le poids cible ?", "de", "en")).isEqualTo("de");
        assertThat(LANGUAGES.languageOf("Quel est le poids cible ?", null, "EN-gb")).isEqualTo("en");
        assertThat(LANGUAGES.languageOf("Quel est le poids cible ?", "auto", null)).isEqualTo("fr");
    }

    @Test
    void oneInstanceAnswersManyThreadsAtOnceAsItAnswersOne() throws Exception {
        List<Labelled> questions = corpus("questions.tsv");
        List<String> alone = questions.stream().map(labelled -> LANGUAGES.languageOf(labelled.question())).toList();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> together = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                together.add(threads.submit(() -> questions.stream()
                        .map(labelled -> LANGUAGES.languageOf(labelled.question())).toList()));
            }
            for (Future<List<String>> answers : together) {
                assertThat(answers.get()).isEqualTo(alone);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aLanguageWithoutAProfileIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new QuestionLanguage(List.of("fr", "xx", "FR")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[FR, xx]");
        assertThatThrownBy(() -> new QuestionLanguage(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(QuestionLanguage.DETECTABLE).containsAll(QuestionLanguage.DEFAULT_LANGUAGES);
    }
}
