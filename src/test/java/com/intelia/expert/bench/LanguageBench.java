package com.intelia.expert.bench;

import com.intelia.expert.core.QuestionLanguage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;





import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What storing a question's language costs (scripts/bench language). First, in this fresh JVM: the time to load
 * the default languages' profiles (the start-up it adds), the heap they retain, and the share of the test corpora
 * (src/test/resources/languages) detected right. Then JMH: one detection per save, sample-time percentiles in
 * microseconds, for a question of 4 words, of 14 words, of 1,000+ characters, and one too short to detect.
 * Extra arguments are JMH's own (e.g. -i 10 -f 2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LanguageBench {

    private static final Map<String, String> QUESTIONS = Map.of(
            "short", "Mes poules ne pondent plus",
            "typical", "Quel programme lumineux recommandez-vous pour des pondeuses en production à partir de 18 semaines ?",
            "long", "How do I lower ammonia levels in the barn during winter without losing too much heat? ".repeat(14),
            "tooShort", "ok ?");

    @Param({"short", "typical", "long", "tooShort"})
    public String question;

    private QuestionLanguage languages;
    private String text;

    @Setup
    public void setUp() {
        languages = QuestionLanguage.standard();
        text = QUESTIONS.get(question);
    }

    @Benchmark
    public String languageOf() {
        return languages.languageOf(text);
    }

    public static void main(String[] args) throws Exception {
        footprint();
        JmhRun.of(LanguageBench.class, args);
    }

    private static void footprint() throws Exception {
        long heapBefore = usedHeapAfterGc();
        long start = System.nanoTime();
        QuestionLanguage first = new QuestionLanguage(QuestionLanguage.DEFAULT_LANGUAGES);
        first.languageOf("Quel est le poids cible d'un Ross 308 à 35 jours ?");
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        long heapAfter = usedHeapAfterGc();
        start = System.nanoTime();
        QuestionLanguage second = new QuestionLanguage(QuestionLanguage.DEFAULT_LANGUAGES);
        long secondMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("Profiles of %d languages %s: loaded in %d ms cold (first in this JVM, with class loading),"
                        + " %d ms warm; heap retained %.1f MB%n", first.languages().size(), first.languages(), firstMs,
                secondMs, (heapAfter - heapBefore) / 1e6);
        for (String corpus : List.of("questions.tsv", "short-questions.tsv")) {
            List<String[]> rows = corpus(corpus);
            long right = rows.stream().filter(row -> second.languageOf(row[1]).equals(row[0])).count();
            System.out.printf("Corpus %s: %d of %d detected right (%.1f %%)%n", corpus, right, rows.size(),
                    100.0 * right / rows.size());
        }
    }

    private static List<String[]> corpus(String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                LanguageBench.class.getResourceAsStream("/languages/" + name), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows.add(line.split("\t", 2));
            }
        }
        return rows;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
