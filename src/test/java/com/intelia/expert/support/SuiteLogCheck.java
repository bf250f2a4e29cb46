package com.intelia.expert.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs after all other tests (a second surefire execution, see pom.xml) over the log the whole run wrote
 * (support/SuiteLog): no text planted as a question, answer, name or e-mail address may appear in it, at INFO or
 * above, in a message or a stack trace, nor in the request log. Its name does not end in Test, so the normal run
 * does not pick it up.
 */
class SuiteLogCheck {

    static final String DIRECTORY_PROPERTY = "suite.log.scan.dir";

    @Test
    void noPlantedUserContentReachedTheLogOfTheTestRun() throws IOException {
        Path directory = directory();
        List<String> found = new ArrayList<>();
        for (String file : List.of(SuiteLog.EVENTS, SuiteLog.CONSOLE)) {
            found.addAll(plantedLines(directory.resolve(file)));
        }
        if (!found.isEmpty()) {
            fail(found.size() + " log lines of the test run hold text planted as user content (questions, answers,"
                    + " names, e-mail addresses); logs must carry ids only:\n" + String.join("\n", found.subList(0,
                    Math.min(20, found.size()))));
        }
    }

    @Test
    void theLogCoversTheWholeRun() throws IOException {
        Path directory = directory();
        String events = read(directory.resolve(SuiteLog.EVENTS));
        String console = read(directory.resolve(SuiteLog.CONSOLE));
        assertThat(events).as("the run ended normally, so its log is complete").contains(SuiteLog.END);
        assertThat(console).contains(SuiteLog.END);
        if (console.contains("Started application@")) {
            assertThat(events).as("events logged after Dropwizard reconfigured logging are kept")
                    .contains("Started application@");
        }
    }

    @Test
    void aPlantedWordInAMessageOrAStackTraceIsFound(@TempDir Path directory) throws IOException {
        Path log = directory.resolve("sample.log");
        Files.writeString(log, "INFO fine line\nERROR failed\n\tat x.y(Z.java:1)\nCaused by: x: "
                + PlantedText.of("question").toUpperCase(Locale.ROOT) + "\n");

        assertThat(plantedLines(log)).hasSize(1).allMatch(line -> line.startsWith("sample.log:4:"));
    }

    private static Path directory() {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        assertThat(directory).as("run through Maven (mvn test), which sets " + DIRECTORY_PROPERTY).isNotBlank();
        Path path = Path.of(directory);
        assertThat(path.resolve(SuiteLog.EVENTS)).as("the log of the test run").exists();
        return path;
    }

    /** Byte for byte: the console holds whatever was printed, not always valid UTF-8. */
    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    private static List<String> plantedLines(Path file) throws IOException {
        List<String> found = new ArrayList<>();
        List<String> lines = read(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).toLowerCase(Locale.ROOT).contains(PlantedText.MARK)) {
                String line = lines.get(i);
                found.add(file.getFileName() + ":" + (i + 1) + ": " + (line.length() > 300 ? line.substring(0, 300) + "..." : line));
            }
        }
        return found;
    }
}
