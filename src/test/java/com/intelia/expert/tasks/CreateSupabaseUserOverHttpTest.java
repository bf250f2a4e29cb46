package com.intelia.expert.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.support.PlantedText;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * create-supabase-user on the real application's admin port, SUPABASE_URL pointing at a stub that answers as
 * supabase/auth and PostgREST document (supabase.md): success, e-mail taken, a key that is not a service key, and
 * a malformed id.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CreateSupabaseUserOverHttpTest {

    /** Started before the application, which reads its URL at start (extensions start too late for that). */
    private static final WireMockServer SUPABASE = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        SUPABASE.start();
    }

    @AfterAll
    static void stopSupabase() {
        SUPABASE.stop();
    }

    private static final String ANON_KEY = "anon-key-for-option-b-tests";
    private static final String SERVICE_KEY = "service-key-for-option-b-tests";
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    private final UUID orphan = UUID.randomUUID();

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("supabase.url", SUPABASE.baseUrl()));
        all.add(ConfigOverride.config("supabase.key", ANON_KEY));
        all.add(ConfigOverride.config("supabase.serviceKey", SERVICE_KEY));
        return all.toArray(new ConfigOverride[0]);
    }

    @BeforeEach
    void reset() {
        SUPABASE.resetAll();
    }

    private static Response task(String query) {
        return APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/create-supabase-user?" + query)
                .request().post(Entity.text(""));
    }

    private static JsonNode json(Response response, int status) {
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(response.getStatus()).as(body.toString()).isEqualTo(status);
        return body;
    }

    /** An error of supabase/auth as it answers with X-Supabase-Api-Version: 2024-01-01. */
    private static ResponseDefinitionBuilder authError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-sb-error-code", code)
                .withBody("{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }

    private void noAuthUserYet() {
        SUPABASE.stubFor(get("/auth/v1/admin/users/" + orphan).willReturn(authError(404, "user_not_found", "User not found")));
    }

    private static RequestPatternBuilder withServiceKey(RequestPatternBuilder request) {
        return request.withHeader("apikey", equalTo(SERVICE_KEY)).withHeader("Authorization", equalTo("Bearer " + SERVICE_KEY));
    }

    @Test
    void createsTheAuthUserAndProfileWithTheOrphansUuid() {
        noAuthUserYet();
        SUPABASE.stubFor(post("/auth/v1/admin/users").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + orphan + "\",\"aud\":\"authenticated\",\"role\":\"authenticated\","
                        + "\"email\":\"marie@ferme.fr\",\"email_confirmed_at\":\"2025-10-10T22:10:34Z\","
                        + "\"app_metadata\":{\"provider\":\"email\",\"providers\":[\"email\"]},"
                        + "\"user_metadata\":{\"first_name\":\"Marie\",\"last_name\":\"Dupont\"},\"identities\":[],"
                        + "\"created_at\":\"2025-10-10T22:10:34Z\"}")));
        SUPABASE.stubFor(post("/rest/v1/users").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"id\":\"" + orphan + "\",\"email\":\"marie@ferme.fr\",\"first_name\":\"Marie\","
                        + "\"last_name\":\"Dupont\",\"user_type\":\"user\"}]")));

        JsonNode body = json(task("id=" + orphan + "&email=marie@ferme.fr&first_name=Marie&last_name=Dupont"), 200);

        assertThat(body.get("id").asText()).isEqualTo(orphan.toString());
        assertThat(body.get("email").asText()).isEqualTo("marie@ferme.fr");
        assertThat(body.get("auth_user").asText()).isEqualTo("created");
        assertThat(body.get("profile").asText()).isEqualTo("created");
        SUPABASE.verify(1, withServiceKey(postRequestedFor(urlEqualTo("/auth/v1/admin/users")))
                .withRequestBody(matchingJsonPath("$.id", equalTo(orphan.toString())))
                .withRequestBody(matchingJsonPath("$.email", equalTo("marie@ferme.fr"))));
        SUPABASE.verify(1, withServiceKey(postRequestedFor(urlEqualTo("/rest/v1/users")))
                .withRequestBody(matchingJsonPath("$[0].id", equalTo(orphan.toString())))
                .withRequestBody(matchingJsonPath("$[0].email", equalTo("marie@ferme.fr"))));
    }

    @Test
    void anEmailAlreadyRegisteredIsAConflictPointingToOptionA() {
        noAuthUserYet();
        SUPABASE.stubFor(post("/auth/v1/admin/users").willReturn(authError(422, "email_exists",
                "A user with this email address has already been registered")));

        JsonNode body = json(task("id=" + orphan + "&email=marie@ferme.fr"), 409);

        assertThat(body.get("message").asText()).contains("e-mail is already registered in Supabase")
                .contains("fix-user-id (option A)");
        SUPABASE.verify(0, postRequestedFor(urlEqualTo("/rest/v1/users")));
    }

    @Test
    void aKeyThatIsNotAServiceKeyIsNamed() {
        SUPABASE.stubFor(get("/auth/v1/admin/users/" + orphan).willReturn(authError(403, "not_admin", "User not allowed")));
        SUPABASE.stubFor(post("/auth/v1/admin/users").willReturn(authError(403, "not_admin", "User not allowed")));

        JsonNode body = json(task("id=" + orphan + "&email=marie@ferme.fr"), 502);

        assertThat(body.get("message").asText()).contains("SUPABASE_SERVICE_KEY is not a service role key")
                .doesNotContain(SERVICE_KEY);
        SUPABASE.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void theNamesAndAddressOfTheUserStayOutOfTheLogs() {
        String email = PlantedText.email("supabase-user");
        String first = PlantedText.of("supabase-first-name");
        String last = PlantedText.of("supabase-last-name");
        noAuthUserYet();
        SUPABASE.stubFor(post("/auth/v1/admin/users").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + orphan + "\",\"email\":\"" + email + "\",\"user_metadata\":{\"first_name\":\""
                        + first + "\",\"last_name\":\"" + last + "\"}}")));
        SUPABASE.stubFor(post("/rest/v1/users").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"XX000\",\"message\":\"could not insert " + email + " " + first + "\"}")));

        JsonNode body = json(task("id=" + orphan + "&email=" + email + "&first_name=" + first + "&last_name=" + last), 502);

        assertThat(body.get("message").asText()).contains("was created but its profile was not");
        // support/SuiteLogCheck fails the build if the address or the names reached the log of the test run
    }

    @Test
    void aMalformedIdIsRefusedByNameWithoutAskingSupabase() {
        JsonNode body = json(task("id=843d440a&email=marie@ferme.fr"), 400);

        assertThat(body.get("message").asText()).startsWith("id must be a UUID");
        SUPABASE.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void namesAndAddressesBeyondWhatTheProfileHoldsAreRefusedWithoutAskingSupabase() {
        assertThat(json(task("id=" + orphan + "&email=marie@ferme.fr&first_name=" + "M".repeat(101)), 400)
                .get("message").asText()).isEqualTo("first_name must be at most 100 characters");
        assertThat(json(task("id=" + orphan + "&email=marie@ferme.fr&last_name=Du%00pont"), 400)
                .get("message").asText()).isEqualTo("last_name contains U+0000, which PostgreSQL cannot store");
        assertThat(json(task("id=" + orphan + "&email=" + "m".repeat(250) + "@ferme.fr"), 400)
                .get("message").asText()).isEqualTo("email must be at most 255 characters");
        SUPABASE.verify(0, anyRequestedFor(anyUrl()));
    }
}
