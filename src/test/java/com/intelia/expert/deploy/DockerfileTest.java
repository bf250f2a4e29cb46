package com.intelia.expert.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.support.ServiceProcess;
import com.intelia.expert.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile without a container runtime (none is reachable here): its structure read as text, and its CMD's
 * JVM command line run for real on this machine, which must start and answer health.
 */
class DockerfileTest {

    private static String dockerfile() throws IOException {
        return Files.readString(Path.of("Dockerfile"));
    }

    /** The runtime's CMD, exec form. */
    private static List<String> command() throws IOException {
        Matcher cmd = Pattern.compile("(?m)^CMD (\\[.*])$").matcher(dockerfile());
        assertThat(cmd.find()).as("an exec-form CMD").isTrue();
        return Arrays.asList(new ObjectMapper().readValue(cmd.group(1), String[].class));
    }

    @Test
    void aMavenBuildStageThenAJreRuntimeAsANonRootUser() throws IOException {
        String file = dockerfile();
        List<String> stages = new ArrayList<>();
        Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(file);
        while (from.find()) {
            stages.add(from.group(1));
        }

        assertThat(stages).containsExactly("maven:3-eclipse-temurin-17", "eclipse-temurin:17-jre");
        assertThat(file).contains("-DskipTests package", "COPY --from=build /build/target/intelia-expert.jar /app/intelia-expert.jar",
                "COPY config.yml /app/config.yml");
        String runtime = file.substring(file.lastIndexOf("\nFROM "));
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(runtime);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).isNotIn("root", "0");
        assertThat(runtime.indexOf("\nUSER ")).as("USER before CMD").isLessThan(runtime.indexOf("\nCMD "));
        assertThat(runtime).containsPattern("(?m)^HEALTHCHECK .*\\n?.*/api/health");
        assertThat(runtime).contains("${PORT}").as("PORT honoured by config.yml");
        assertThat(Files.readString(Path.of("config.yml"))).contains("${PORT:-8080}");
        assertThat(command()).contains("-XX:MaxRAMPercentage=75", "-jar", "/app/intelia-expert.jar", "server",
                "/app/config.yml");
        assertThat(Files.readString(Path.of(".dockerignore"))).contains("target", "data");
    }

    @Test
    void theImagesCommandLineStartsAndAnswersHealth() throws Exception {
        List<String> cmd = command();
        List<String> flags = new ArrayList<>(cmd.subList(1, cmd.indexOf("-jar")));
        flags.add("-XX:+PrintFlagsFinal"); // to read the heap setting the flags give, below
        TestDatabase database = TestDatabase.migrated();

        try (ServiceProcess service = ServiceProcess.start(flags, database.environment())) {
            long millis = service.awaitHealthy();

            assertThat(millis).as(service.outputTail()).isNotNegative();
            System.out.println("The image's command line answered health after " + millis + " ms");
            assertThat(service.output()).containsPattern("MaxRAMPercentage\\s+= 75");
        }
    }
}
