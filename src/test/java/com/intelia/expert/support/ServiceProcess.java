package com.intelia.expert.support;

import com.intelia.expert.ExpertApplication;

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
import java.util.List;
import java.util.Map;

/**
 * The service as a process of its own, `java FLAGS -jar target/intelia-expert.jar server config.yml` (or, before the
 * jar is packaged or when it is older than the compiled classes, the same main class from the test classpath), its
 * output kept in a file.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path output;
    private final int port;
    private final long startedNanos;

    private ServiceProcess(Process process, Path output, int port, long startedNanos) {
        this.process = process;
        this.output = output;
        this.port = port;
        this.startedNanos = startedNanos;
    }

    public static ServiceProcess start(List<String> jvmFlags, Map<String, String> environment) throws IOException {
        int port = freePort();
        Path jar = Path.of("target", "intelia-expert.jar");
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(jvmFlags);
        if (isCurrent(jar)) {
            line.addAll(List.of("-jar", jar.toString()));
        } else {
            line.addAll(List.of("-cp", System.getProperty("java.class.path"), ExpertApplication.class.getName()));
        }
        line.addAll(List.of("server", "config.yml"));
        File output = File.createTempFile("service-process", ".log");
        output.deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output);
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("ADMIN_PORT", Integer.toString(freePort()));
        long started = System.nanoTime();
        return new ServiceProcess(builder.start(), output.toPath(), port, started);
    }

    /** Whether the jar exists and holds the classes compiled last (a jar left from an earlier build does not). */
    private static boolean isCurrent(Path jar) throws IOException {
        if (!Files.exists(jar)) {
            return false;
        }
        long packaged = Files.getLastModifiedTime(jar).toMillis();
        try (var classes = Files.walk(Path.of("target", "classes"))) {
            return classes.filter(Files::isRegularFile)
                    .allMatch(file -> file.toFile().lastModified() <= packaged);
        }
    }

    /** Waits up to two minutes for /api/health to answer 200; the milliseconds from start, or -1 if it never did. */
    public long awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                if (get("/api/health", http).statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1_000_000;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return -1;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, HttpClient.newHttpClient());
    }

    private HttpResponse<String> get(String path, HttpClient http) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    /** The output's end, for assertion messages. */
    public String outputTail() throws IOException {
        String all = output();
        return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
