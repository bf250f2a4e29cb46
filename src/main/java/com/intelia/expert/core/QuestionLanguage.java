package com.intelia.expert.core;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.BuiltInLanguages;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.RemoveMinorityScriptsTextFilter;
import com.optimaize.langdetect.text.TextObjectFactory;
import com.optimaize.langdetect.text.TextObjectFactoryBuilder;
import com.optimaize.langdetect.text.UrlTextFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The language a question is stored with, never null: the frontend sends none, and the admin questions page
 * upper-cases it. Detection runs offline with Optimaize's n-gram profiles (the detector Apache Tika ships), loaded
 * once at construction for the configured languages only; an instance is immutable and safe to share between
 * threads.
 *
 * <p>The rule of {@link #languageOf(String)}: {@value #FALLBACK} when the question has fewer than
 * {@value #MIN_LETTERS} letters (digits, punctuation, symbols and emoji do not count), or when no configured
 * language gets a probability of at least {@value #MIN_PROBABILITY} (a question mixing languages, brand names
 * alone such as "Ross 308"); otherwise that language. Only the first {@value #MAX_CHARS} characters are read.
 */
public final class QuestionLanguage {

    /** The original backend's default language, and the column's. */
    public static final String FALLBACK = "fr";
    /** The languages the product answers in (the original backend's list, with Arabic). */
    public static final List<String> DEFAULT_LANGUAGES =
            List.of("fr", "en", "es", "de", "it", "pt", "nl", "pl", "th", "zh", "hi", "id", "ar");
    /** Every language the detector has a profile for, as ISO 639-1 codes. */
    public static final Set<String> DETECTABLE = BuiltInLanguages.getLanguages().stream()
            .map(LdLocale::getLanguage).collect(Collectors.toUnmodifiableSet());

    static final int MIN_LETTERS = 3;
    static final double MIN_PROBABILITY = 0.99;
    static final int MAX_CHARS = 1000;
    /** Shorter texts get the detector's single-pass algorithm, sharper on questions than its sampling one. */
    private static final int SHORT_TEXT_CHARS = 200;

    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());
    private static final Map<String, String> WITHDRAWN_CODES = Map.of("iw", "he", "in", "id", "ji", "yi");

    private final Set<String> languages;
    private final LanguageDetector detector;
    private final TextObjectFactory texts = new TextObjectFactoryBuilder().maxTextLength(MAX_CHARS)
            .withTextFilter(UrlTextFilter.getInstance())
            .withTextFilter(RemoveMinorityScriptsTextFilter.forThreshold(0.3))
            .build();

    /**
     * Loads the profiles of these languages (ISO 639-1 codes from {@link #DETECTABLE}; zh covers simplified and
     * traditional Chinese), about 0.6 MB of heap per language, and detects once so that no save pays the first
     * detection's one-off costs.
     */
    public QuestionLanguage(Collection<String> languages) {
        this.languages = Collections.unmodifiableSortedSet(new TreeSet<>(languages));
        if (this.languages.isEmpty() || !DETECTABLE.containsAll(this.languages)) {
            throw new IllegalArgumentException("languages must be ISO 639-1 codes the detector has a profile for, not "
                    + this.languages.stream().filter(code -> !DETECTABLE.contains(code)).toList());
        }
        List<LdLocale> profiles = BuiltInLanguages.getLanguages().stream()
                .filter(locale -> this.languages.contains(locale.getLanguage())).toList();
        try {
            detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .shortTextAlgorithm(SHORT_TEXT_CHARS)
                    .probabilityThreshold(0) // every language, so that zh-CN and zh-TW add up to zh
                    .withProfiles(new LanguageProfileReader().readBuiltIn(profiles))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("the language profiles shipped in the detector's jar could not be read", e);
        }
        languageOf("Quel est le poids cible d'un poulet Ross 308 à 35 jours ?"); // the first save does not pay
    }

    /** The default languages, loaded once per JVM on first use (for services built without configuration). */
    public static QuestionLanguage standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        static final QuestionLanguage INSTANCE = new QuestionLanguage(DEFAULT_LANGUAGES);
    }

    /** The configured languages a question may be detected as. */
    public Set<String> languages() {
        return languages;
    }

    /**
     * The language to store with a question: the first of the codes the client sent that names a language,
     * normalised by {@link #normalised(String)} (it may be one outside the configured set: the client knows), else
     * the one detected from the question. Never null.
     */
    public String languageOf(String question, String... sentByClient) {
        for (String sent : sentByClient) {
            String code = normalised(sent);
            if (code != null) {
                return code;
            }
        }
        return languageOf(question);
    }

    /** The configured language the question is written in, or {@value #FALLBACK} by the rule above. Never null. */
    public String languageOf(String question) {
        if (question == null || letters(question) < MIN_LETTERS) {
            return FALLBACK;
        }
        Map<String, Double> byLanguage = new HashMap<>();
        for (DetectedLanguage detected : detector.getProbabilities(texts.forText(question))) {
            byLanguage.merge(detected.getLocale().getLanguage(), detected.getProbability(), Double::sum);
        }
        return byLanguage.entrySet().stream()
                .filter(entry -> entry.getValue() >= MIN_PROBABILITY)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(FALLBACK);
    }

    /**
     * The ISO 639-1 code a client's language tag names, lower case: "fr", "FR", "fr-FR", "fr_CA" and
     * "zh-Hans-CN" name fr and zh. Null for anything else ("french", "auto", "xx", blank).
     */
    public static String normalised(String sent) {
        if (sent == null) {
            return null;
        }
        String tag = sent.strip();
        int end = 0;
        while (end < tag.length() && tag.charAt(end) != '-' && tag.charAt(end) != '_') {
            end++;
        }
        String primary = tag.substring(0, end).toLowerCase(Locale.ROOT);
        if (primary.length() != 2 || !ISO_639_1.contains(primary)) {
            return null;
        }
        return WITHDRAWN_CODES.getOrDefault(primary, primary);
    }

    private static int letters(String text) {
        return (int) text.codePoints().filter(Character::isLetter).limit(MIN_LETTERS).count();
    }
}
