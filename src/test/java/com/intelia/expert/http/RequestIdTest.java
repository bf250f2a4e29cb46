package com.intelia.expert.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every answer carries X-Request-Id (the router's when it looks like an id, else a new one), and 5xx bodies say it. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RequestIdTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        return all.toArray(new ConfigOverride[0]);
    }

    private static HttpResponse<String> get(String path, String requestId, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path));
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachAnswerCarriesANewIdOrTheRoutersOne() throws Exception {
        String first = get("/api/health", null, null).headers().firstValue("X-Request-Id").orElseThrow();
        String second = get("/api/health", null, null).headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(first)).isNotEqualTo(UUID.fromString(second));

        assertThat(get("/api/health", "router-7f3a9c01", null).headers().firstValue("X-Request-Id"))
                .contains("router-7f3a9c01");
        assertThat(get("/api/v1/no-such-path", "router-7f3a9c02", null).headers().firstValue("X-Request-Id"))
                .as("a 404 from outside Jersey").contains("router-7f3a9c02");
        String refused = get("/api/health", "not an id: {}", null).headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(refused)).as("what does not look like an id is replaced").isNotNull();
    }

    @Test
    void aServerErrorBodySaysItsRequestId() throws Exception {
        UUID user = UUID.randomUUID();
        HttpResponse<String> answer;
        try (Connection locker = DATABASE.dataSource().getConnection()) {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                // the list waits for this lock past its statement timeout (1 s): 503, try again
                statement.execute("LOCK TABLE conversations IN ACCESS EXCLUSIVE MODE");
            }
            answer = get("/api/v1/conversations/user/" + user, null, TestTokens.hs256(user, claims -> claims));
            locker.rollback();
        }

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
        JsonNode body = new ObjectMapper().readTree(answer.body());
        assertThat(body.get("details").asText()).contains("request_id=" + id);
    }
}
