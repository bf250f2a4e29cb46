package com.intelia.expert.http;

import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.RawHttp;
import com.intelia.expert.support.TestDatabase;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies on the real application, sent as raw bytes: bounded before they are read (Content-Length) or as
 * they arrive (chunked, gzip), in a known encoding, and in time; the largest valid save still fits.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RequestBodiesTest {

    private static final String SECRET = "bodies-test-jwt-secret-0123456789-abcdefgh";
    private static final int MAX_TEXT = 2_000;
    /** The derived limit: 4 texts x 6 bytes x 2,000 characters + 1 MiB. */
    private static final long LIMIT = 4L * 6 * MAX_TEXT + 1024 * 1024;
    private static final TestDatabase DATABASE = EdgeDatabase.DATABASE;
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    private final UUID user = UUID.randomUUID();

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", SECRET));
        all.add(ConfigOverride.config("limits.maxTextCharacters", Integer.toString(MAX_TEXT)));
        all.add(ConfigOverride.config("limits.requestBodyTimeout", "2s"));
        return all.toArray(new ConfigOverride[0]);
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

    private String save(String question, String response) {
        return "{\"conversation_id\":\"" + UUID.randomUUID() + "\",\"user_id\":\"" + user + "\",\"question\":\""
                + question + "\",\"response\":\"" + response + "\",\"preview\":\"" + response
                + "\",\"last_message_preview\":\"" + response + "\"}";
    }

    private static byte[] concat(String head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    private static void assertJsonError(RawHttp.Answer answer, int status, String advice) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().get("code").asInt()).isEqualTo(status);
        assertThat(answer.json().get("message").asText()).contains(advice);
    }

    @Test
    void theLargestValidSaveFitsWithEveryCharacterEscaped() throws Exception {
        String text = "\\u00e9".repeat(MAX_TEXT);
        byte[] body = save(text, text).getBytes(StandardCharsets.UTF_8);
        assertThat((long) body.length).as("the largest save, in its longest spelling").isLessThan(LIMIT);

        RawHttp.Answer answer = RawHttp.send(APP.getLocalPort(), concat(head("Content-Length: " + body.length
                + "\r\n"), body));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void aContentLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() throws Exception {
        long started = System.nanoTime();
        RawHttp.Answer answer = RawHttp.send(APP.getLocalPort(), head("Content-Length: 80000000\r\n"));

        assertJsonError(answer, 413, String.format("larger than %,d bytes", LIMIT));
        assertThat(answer.header("Connection")).isEqualTo("close");
        assertThat((System.nanoTime() - started) / 1_000_000).as("answered without waiting for the body").isLessThan(2000);
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimit() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("Transfer-Encoding: chunked\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            long sent = 0;
            try {
                while (sent < 10 * LIMIT) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    sent += chunk.length;
                }
            } catch (IOException closedByTheServer) {
                // expected: the server stops reading after the limit
            }
            assertJsonError(RawHttp.read(socket.getInputStream()), 413, "larger than");
            assertThat(sent).as("the server stopped reading long before the end").isLessThan(10 * LIMIT);
        }
    }

    @Test
    void aGzipBodyIsInflatedAndCounted() throws Exception {
        byte[] body = gzip(save("Poids à 35 jours ?", "2,2 kg").getBytes(StandardCharsets.UTF_8));
        RawHttp.Answer saved = RawHttp.send(APP.getLocalPort(), concat(head("Content-Encoding: gzip\r\nContent-Length: "
                + body.length + "\r\n"), body));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        byte[] bomb = gzip(new byte[50_000_000]);
        assertThat((long) bomb.length).as("small compressed").isLessThan(LIMIT);
        assertJsonError(RawHttp.send(APP.getLocalPort(), concat(head("Content-Encoding: gzip\r\nContent-Length: "
                + bomb.length + "\r\n"), bomb)), 413, "larger than");
    }

    @Test
    void aBodyThatIsNotGzipOrIsCutShortIs400() throws Exception {
        byte[] body = save("Q", "A").getBytes(StandardCharsets.UTF_8);
        assertJsonError(RawHttp.send(APP.getLocalPort(), concat(head("Content-Encoding: gzip\r\nContent-Length: "
                + body.length + "\r\n"), body)), 400, "not valid gzip");

        // Jetty's inflater does not check the end of the stream: what inflated is read as (incomplete) JSON
        byte[] half = java.util.Arrays.copyOf(gzip(body), gzip(body).length / 2);
        assertJsonError(RawHttp.send(APP.getLocalPort(), concat(head("Content-Encoding: gzip\r\nContent-Length: "
                + half.length + "\r\n"), half)), 400, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"br", "compress", "deflate", "zstd"})
    void otherContentEncodingsAre415(String encoding) throws Exception {
        byte[] body = save("Q", "A").getBytes(StandardCharsets.UTF_8);
        assertJsonError(RawHttp.send(APP.getLocalPort(), concat(head("Content-Encoding: " + encoding
                + "\r\nContent-Length: " + body.length + "\r\n"), body)), 415, "Content-Encoding: gzip");
    }

    @Test
    void aBodyThatStopsArrivingIs408AfterTheBodyTimeout() throws Exception {
        byte[] body = save("Q", "A").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(concat(head("Content-Length: " + body.length + "\r\n"),
                    java.util.Arrays.copyOf(body, body.length / 2)));
            long started = System.nanoTime();

            RawHttp.Answer answer = RawHttp.read(socket.getInputStream());

            assertJsonError(answer, 408, "did not arrive within 2 s");
            assertThat((System.nanoTime() - started) / 1_000_000).isBetween(1_500L, 6_000L);
        }
    }
}
