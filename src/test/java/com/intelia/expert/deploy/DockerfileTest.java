package com.intelia.expert.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        List<String> jvmFlags = cmd.subList(1, cmd.indexOf("-jar"));
        TestDatabase database = TestDatabase.migrated();
        int port = freePort();
        Path jar = Path.of("target", "intelia-expert.jar");
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(jvmFlags);
        line.add("-XX:+PrintFlagsFinal"); // to read the heap the flags give, below
        if (Files.exists(jar)) {
            line.addAll(List.of("-jar", jar.toString()));
        } else { // the test phase runs before package: the same main class from the test classpath
            line.addAll(List.of("-cp", System.getProperty("java.class.path"), ExpertApplication.class.getName()));
        }
        line.addAll(List.of("server", "config.yml"));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(File.createTempFile("image-command", ".log"));
        builder.environment().putAll(database.environment());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("ADMIN_PORT", Integer.toString(freePort()));
        builder.environment().put("SEED_DEMO", "0");
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            int status = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (status != 200 && process.isAlive() && System.nanoTime() < deadline) {
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(250);
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            String output = Files.readString(builder.redirectOutput().file().toPath());
            assertThat(status).as(output.length() > 4000 ? output.substring(output.length() - 4000) : output)
                    .isEqualTo(200);
            System.out.println("The image's command line answered health after " + millis + " ms");
            assertThat(output).containsPattern("MaxRAMPercentage\\s+= 75");
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
