package com.intelia.expert.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.RawHttp;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Jetty refuses before Jersey sees a request, sent as raw bytes to the real application's two ports: every
 * answer is the API's JSON {code, message}, says what to fix, and repeats neither the URI nor the headers.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class JettyErrorsTest {

    private static final TestDatabase DATABASE = EdgeDatabase.DATABASE;
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", DATABASE.configOverrides());

    /** Sent in the URI or a header of the bad requests; never in an answer. */
    private static final String ECHO = "echo-canary";

    enum Port { APPLICATION, ADMIN }

    static Stream<Arguments> refusedRequests() {
        String big = "a".repeat(20_000);
        return Stream.of(
                Arguments.of(Port.APPLICATION, "GET /api/..%2f" + ECHO + " HTTP/1.1\r\nHost: x\r\n\r\n", 400, "ambiguous"),
                Arguments.of(Port.APPLICATION, "GET /api/%2e%2e/" + ECHO + " HTTP/1.1\r\nHost: x\r\n\r\n", 400, "ambiguous"),
                Arguments.of(Port.APPLICATION, "GET /api/v1%2f" + ECHO + " HTTP/1.1\r\nHost: x\r\n\r\n", 400, "ambiguous"),
                Arguments.of(Port.APPLICATION, "GET /api//" + ECHO + " HTTP/1.1\r\nHost: x\r\n\r\n", 400, "ambiguous"),
                Arguments.of(Port.APPLICATION, "GET /api/" + ECHO + "%ff HTTP/1.1\r\nHost: x\r\n\r\n", 400, "UTF-8"),
                Arguments.of(Port.APPLICATION, "GET /api/health?" + ECHO + big + " HTTP/1.1\r\nHost: x\r\n\r\n", 414,
                        "send long values in the request body"),
                Arguments.of(Port.APPLICATION, "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + ECHO + big + "\r\n\r\n",
                        431, "fewer or shorter headers"),
                Arguments.of(Port.APPLICATION, ECHO + "\r\n\r\n", 400, "not valid HTTP/1.1"),
                Arguments.of(Port.APPLICATION, "GET /api/health HTTP/1.1\r\nHost: x\r\nBad " + ECHO + ": y\r\n\r\n", 400,
                        "not valid HTTP/1.1"),
                Arguments.of(Port.APPLICATION, "GET /api/health HTTP/7.0\r\nHost: x\r\n\r\n", 505, "HTTP/1.1"),
                Arguments.of(Port.APPLICATION, "FOO /api/health HTTP/1.1\r\nHost: x\r\n\r\n", 405, "method is not allowed"),
                Arguments.of(Port.APPLICATION, "GET /" + ECHO + " HTTP/1.1\r\nHost: x\r\n\r\n", 404, "/api/v1"),
                Arguments.of(Port.ADMIN, "POST /tasks/" + ECHO + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 404,
                        "POST /tasks/<name>"),
                Arguments.of(Port.ADMIN, "GET /tasks/refresh-stats HTTP/1.1\r\nHost: x\r\n\r\n", 405, "method is not allowed"),
                Arguments.of(Port.ADMIN, "DELETE /healthcheck HTTP/1.1\r\nHost: x\r\n\r\n", 405, "method is not allowed"),
                Arguments.of(Port.ADMIN, "GET /" + ECHO + " HTTP/1.1\r\nHost: x\r\n\r\n", 404, "POST /tasks/<name>"),
                Arguments.of(Port.ADMIN, "GET /tasks/..%2f" + ECHO + " HTTP/1.1\r\nHost: x\r\n\r\n", 400, "ambiguous"),
                Arguments.of(Port.ADMIN, "GET /healthcheck%ff HTTP/1.1\r\nHost: x\r\n\r\n", 400, "UTF-8"),
                Arguments.of(Port.ADMIN, "GET /healthcheck HTTP/1.1\r\nHost: x\r\nX-Big: " + ECHO + big + "\r\n\r\n", 431,
                        "fewer or shorter headers"),
                Arguments.of(Port.ADMIN, ECHO + "\r\n\r\n", 400, "not valid HTTP/1.1"));
    }

    @ParameterizedTest(name = "{0} {2}: {3}")
    @MethodSource("refusedRequests")
    void jettysOwnRefusalsAnswerJsonThatSaysWhatToFix(Port port, String request, int status, String advice) {
        RawHttp.Answer answer = RawHttp.send(port == Port.ADMIN ? APP.getAdminPort() : APP.getLocalPort(), request);

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(body.get("code").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).contains(advice);
        assertThat(answer.body()).doesNotContain(ECHO).doesNotContain("<html");
    }
}
