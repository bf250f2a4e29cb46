package com.intelia.expert.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.RawHttp;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dropwizard's own tasks (gc, log-level) answer JSON like ours: a malformed parameter is a 400 that says what the task
 * takes (Dropwizard's servlet answered 500 in plain text), and repeated loggers still work. A method the API does not
 * serve on a path outside it is a 404 JSON, not Jetty's 501.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FrameworkTaskOverHttpTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", DATABASE.configOverrides());

    private static RawHttp.Answer task(String target) {
        return RawHttp.send(APP.getAdminPort(), "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
    }

    private static void assertJsonError(RawHttp.Answer answer, int status, String advice) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(body.get("code").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).contains(advice);
    }

    @Test
    void aMalformedDurationIsA400ThatShowsTheForm() {
        RawHttp.Answer answer = task("/tasks/log-level?logger=quiet.one&level=INFO&duration=10s");

        assertJsonError(answer, 400, "PT10M");
        assertThat(answer.body()).doesNotContain("10s");
    }

    @Test
    void aBadlyEncodedParameterIsA400() {
        assertJsonError(task("/tasks/gc?x=%C0%80"), 400, "");
        assertJsonError(task("/tasks/log-level?logger=%ED%A0%80"), 400, "");
    }

    @Test
    void repeatedLoggersAreAllSet() {
        RawHttp.Answer answer = task("/tasks/log-level?logger=quiet.one&logger=quiet.two&level=WARN");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("output").asText()).contains("quiet.one").contains("quiet.two");
        assertThat(((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("quiet.two")).getLevel().toString())
                .isEqualTo("WARN");
    }

    @Test
    void gcAnswersJson() {
        RawHttp.Answer answer = task("/tasks/gc");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("task").asText()).isEqualTo("gc");
    }

    @Test
    void patchOutsideTheApiIsA404() {
        for (String path : new String[] {"/", "/elsewhere", "/api/v1/../../etc/passwd"}) {
            RawHttp.Answer answer = RawHttp.send(APP.getLocalPort(), "PATCH " + path + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertJsonError(answer, 404, "no such path");
        }
    }
}
