package com.intelia.expert.auth;

import com.intelia.expert.ExpertApplication;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static com.intelia.expert.auth.TestTokens.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS through the real application, as a browser does it (java.net.http, which lets a test set Origin):
 * the configured origins get the headers on preflight and actual requests, any other origin gets none.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CorsTest {

    private static final String FRONTEND = "https://expert.intelia.com";
    private static final String ADMIN = "https://admin.intelia.com";
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", SECRET));
        all.add(ConfigOverride.config("secretKey", SECRET + "-invitations"));
        all.add(ConfigOverride.config("allowedOrigins", FRONTEND + ", " + ADMIN));
        return all.toArray(new ConfigOverride[0]);
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + APP.getLocalPort() + "/api" + path);
    }

    private static HttpResponse<String> preflight(String path, String origin) throws Exception {
        return preflight(path, origin, "POST");
    }

    private static HttpResponse<String> preflight(String path, String origin, String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type").build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> getFrom(String path, String origin, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Origin", origin);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static List<String> csv(HttpResponse<?> response, String name) {
        return response.headers().allValues(name).stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).toList();
    }

    private static void assertNoCorsHeaders(HttpResponse<?> response) {
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void aPreflightFromAnAllowedOriginGetsTheCorsHeadersWithoutAToken() throws Exception {
        HttpResponse<String> response = preflight("/v1/conversations/save", FRONTEND);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
        assertThat(header(response, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(csv(response, "Access-Control-Allow-Methods"))
                .containsExactlyInAnyOrder("GET", "POST", "PATCH", "DELETE", "OPTIONS");
        assertThat(csv(response, "Access-Control-Allow-Headers")).map(String::toLowerCase)
                .contains("authorization", "content-type");
        assertThat(csv(response, "Vary")).contains("Origin");
    }

    @Test
    void theFrontendsPatchOfARatingPassesThePreflight() throws Exception {
        HttpResponse<String> response = preflight("/v1/conversations/" + UUID.randomUUID() + "/feedback", FRONTEND,
                "PATCH");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
        assertThat(csv(response, "Access-Control-Allow-Methods")).contains("PATCH").doesNotContain("PUT");
    }

    @Test
    void aPreflightOfAnAuthenticatedEndpointAnswersWithoutAToken() throws Exception {
        HttpResponse<String> response = preflight("/v1/conversations/user/" + UUID.randomUUID(), ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("access token");
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(ADMIN);
    }

    @Test
    void anActualRequestFromAnAllowedOriginGetsTheCorsHeaders() throws Exception {
        UUID user = UUID.randomUUID();
        HttpResponse<String> response = getFrom("/v1/conversations/user/" + user, FRONTEND, TestTokens.hs256(user, c -> c));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
        assertThat(header(response, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(csv(response, "Vary")).contains("Origin");
    }

    @Test
    void aRefused401FromAnAllowedOriginStillCarriesTheCorsHeaders() throws Exception {
        HttpResponse<String> response = getFrom("/v1/conversations/user/" + UUID.randomUUID(), FRONTEND, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
    }

    @Test
    void anotherOriginGetsNoCorsHeadersOnPreflight() throws Exception {
        HttpResponse<String> response = preflight("/v1/conversations/save", "https://evil.example");

        assertNoCorsHeaders(response);
        assertThat(csv(response, "Vary")).contains("Origin");
    }

    @Test
    void anotherOriginGetsNoCorsHeadersOnAnActualRequest() throws Exception {
        assertNoCorsHeaders(getFrom("/health", "https://evil.example", null));
    }

    @Test
    void originsThatOnlyResembleAnAllowedOneGetNoCorsHeaders() throws Exception {
        for (String origin : List.of("https://expertxintelia.com", "https://expert.intelia.com.evil.example",
                "http://expert.intelia.com", "https://expert.intelia.com:8443", "null", "https://sub.expert.intelia.com")) {
            assertNoCorsHeaders(preflight("/v1/conversations/save", origin));
            assertNoCorsHeaders(getFrom("/health", origin, null));
        }
    }

    @Test
    void anOriginHeaderListingSeveralOriginsGetsNoCorsHeaders() throws Exception {
        String origins = "https://evil.example " + FRONTEND;

        assertNoCorsHeaders(preflight("/v1/conversations/save", origins));
        assertNoCorsHeaders(getFrom("/health", origins, null));
    }

    @Test
    void aRequestWithoutOriginIsServedAsBefore() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertNoCorsHeaders(response);
    }
}
