package com.intelia.expert.http;

import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.RawHttp;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of clients trickling a byte a second, more than the server has threads (64 here): some in their body,
 * some in their headers. Health must keep answering within 1 s, and the slow clients are cut off once their
 * timeouts pass (2 s for headers, 3 s for a body here; 10 s and 30 s by default).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SlowClientsTest {

    private static final int BODIES = 300;
    private static final int HEADERS = 100;
    private static final TestDatabase DATABASE = EdgeDatabase.DATABASE;
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("server.maxThreads", "64"));
        all.add(ConfigOverride.config("limits.requestHeaderTimeout", "2s"));
        all.add(ConfigOverride.config("limits.requestBodyTimeout", "3s"));
        return all.toArray(new ConfigOverride[0]);
    }

    @Test
    void tricklingClientsNeitherStarveHealthNorStayConnected() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(health().status()).as("warm").isEqualTo(200);
        }
        List<Socket> bodies = new ArrayList<>();
        List<Socket> headers = new ArrayList<>();
        try {
            for (int i = 0; i < BODIES; i++) {
                Socket socket = open();
                socket.getOutputStream().write(("POST /api/v1/conversations/save HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                        .getBytes(StandardCharsets.ISO_8859_1));
                bodies.add(socket);
            }
            for (int i = 0; i < HEADERS; i++) {
                Socket socket = open();
                socket.getOutputStream().write("GET /api/health HTTP/1.1\r\nHo".getBytes(StandardCharsets.ISO_8859_1));
                headers.add(socket);
            }

            long slowestHealthMillis = 0;
            List<Long> timings = new ArrayList<>();
            long started = System.nanoTime();
            while (System.nanoTime() - started < 6_000_000_000L) {
                trickle(bodies, ' ');
                trickle(headers, 'x');
                for (int i = 0; i < 4; i++) {
                    long asked = System.nanoTime();
                    RawHttp.Answer health = health();
                    slowestHealthMillis = Math.max(slowestHealthMillis, (System.nanoTime() - asked) / 1_000_000);
                    timings.add((System.nanoTime() - asked) / 1_000_000);
                    assertThat(health.status()).isEqualTo(200);
                    Thread.sleep(250);
                }
            }

            assertThat(slowestHealthMillis).as("slowest health answer while %d clients trickled, ms: %s",
                    BODIES + HEADERS, timings).isLessThan(1000);
            for (Socket socket : bodies) {
                RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
                assertThat(answer.status()).isEqualTo(408);
                assertThat(answer.json().get("message").asText()).contains("did not arrive within 3 s");
            }
            for (Socket socket : headers) {
                assertThat(closedByServer(socket)).as("a connection whose headers trickle is closed").isTrue();
            }
        } finally {
            for (Socket socket : bodies) {
                socket.close();
            }
            for (Socket socket : headers) {
                socket.close();
            }
        }
    }

    private static RawHttp.Answer health() {
        return RawHttp.send(APP.getLocalPort(), "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    private static Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", APP.getLocalPort());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static void trickle(List<Socket> sockets, char b) {
        for (Socket socket : sockets) {
            try {
                socket.getOutputStream().write(b);
            } catch (IOException closedByServer) {
                // expected once its timeout passed
            }
        }
    }

    private static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (IOException e) {
            return !(e instanceof java.net.SocketTimeoutException);
        }
    }
}
