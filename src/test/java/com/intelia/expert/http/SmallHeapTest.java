package com.intelia.expert.http;

import com.intelia.expert.ExpertApplication;
import com.intelia.expert.support.RawHttp;
import com.intelia.expert.support.TestDatabase;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application in a JVM of its own with a 256 MB heap, as a small container runs it: six 76 MB bodies announced
 * by Content-Length and six streamed without one, all at once, are refused with 413 and the service keeps working
 * (before, six such bodies ended in OutOfMemoryError and 500s).
 */
class SmallHeapTest {

    private static final String SECRET = "small-heap-test-jwt-secret-0123456789-abc";
    private static final long HUGE = 76L * 1024 * 1024;
    private static final TestDatabase DATABASE = EdgeDatabase.DATABASE;
    private static final Path LOG = Path.of("target", "small-heap-app.log");

    private static Process application;
    private static int port;
    private final UUID user = UUID.randomUUID();

    @BeforeAll
    static void startWithASmallHeap() throws Exception {
        port = freePort();
        Files.createDirectories(LOG.getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ExpertApplication.class.getName(),
                "server", "config.yml").redirectErrorStream(true).redirectOutput(LOG.toFile());
        Map<String, String> environment = builder.environment();
        environment.putAll(DATABASE.environment());
        environment.put("PORT", Integer.toString(port));
        environment.put("ADMIN_PORT", Integer.toString(freePort()));
        environment.put("JWT_SECRET", SECRET);
        environment.put("SECRET_KEY", SECRET + "-invitations");
        application = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(application.isAlive()).as("the application runs; see " + LOG).isTrue();
            try {
                if (health().status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the application did not start within 90 s; see " + LOG);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (application != null) {
            application.destroy();
            if (!application.waitFor(20, TimeUnit.SECONDS)) {
                application.destroyForcibly();
            }
        }
    }

    @Test
    void concurrentHugeBodiesAreRefusedAndTheServiceKeepsWorking() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(12);
        try {
            List<Future<RawHttp.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(senders.submit(() -> sendHuge(false)));
                answers.add(senders.submit(() -> sendHuge(true)));
            }
            for (Future<RawHttp.Answer> answer : answers) {
                RawHttp.Answer refused = answer.get(60, TimeUnit.SECONDS);
                assertThat(refused.status()).as(refused.body()).isEqualTo(413);
                assertThat(refused.json().get("message").asText()).contains("larger than");
            }
        } finally {
            senders.shutdownNow();
        }

        assertThat(health().status()).isEqualTo(200);
        byte[] body = ("{\"conversation_id\":\"" + UUID.randomUUID() + "\",\"user_id\":\"" + user
                + "\",\"question\":\"Weight at day 35?\",\"response\":\"About 2.2 kg.\"}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer saved = RawHttp.send(port, concat(head("Content-Length: " + body.length + "\r\n"), body));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(application.isAlive()).isTrue();
        assertThat(Files.readString(LOG)).doesNotContain("OutOfMemoryError");
    }

    /** 76 MB of JSON text, with a Content-Length or chunked; the answer, read as soon as it comes. */
    private RawHttp.Answer sendHuge(boolean chunked) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + (HUGE + 2) + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            Thread writer = new Thread(() -> {
                byte[] piece = "a".repeat(64 * 1024).getBytes(StandardCharsets.ISO_8859_1);
                try {
                    write(out, "{\"question\":\"".getBytes(StandardCharsets.ISO_8859_1), chunked);
                    for (long sent = 0; sent < HUGE; sent += piece.length) {
                        write(out, piece, chunked);
                    }
                } catch (IOException refusedByTheServer) {
                    // the server answered and closed; the rest is never read
                }
            });
            writer.start();
            try {
                return RawHttp.read(socket.getInputStream());
            } finally {
                socket.close();
                writer.join(30_000);
            }
        }
    }

    private static void write(OutputStream out, byte[] bytes, boolean chunked) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write(bytes);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private String head(String extraHeaders) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(user.toString()).audience("authenticated").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))).build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return "POST /api/v1/conversations/save HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + jwt.serialize()
                + "\r\nContent-Type: application/json\r\n" + extraHeaders + "\r\n";
    }

    private static byte[] concat(String head, byte[] body) {
        byte[] start = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    private static RawHttp.Answer health() {
        return RawHttp.send(port, "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
