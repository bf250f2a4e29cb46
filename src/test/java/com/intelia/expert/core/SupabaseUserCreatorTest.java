package com.intelia.expert.core;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.intelia.expert.directory.SupabaseAuthAdmin;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Option B against a Supabase stub answering as supabase/auth and PostgREST document, errors included. */
class SupabaseUserCreatorTest {

    @RegisterExtension
    static final WireMockExtension SUPABASE = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SERVICE_KEY = "service-role-key-for-tests";
    private final UUID orphan = UUID.fromString("843d440a-51b4-4c8f-9b2e-3f1c2d4e5a6b");
    private final Client client = ClientBuilder.newClient();
    private final SupabaseUserCreator creator =
            new SupabaseUserCreator(new SupabaseAuthAdmin(client, SUPABASE.baseUrl(), SERVICE_KEY));

    @AfterEach
    void close() {
        client.close();
    }

    private void authUserDoesNotExist() {
        SUPABASE.stubFor(get("/auth/v1/admin/users/" + orphan).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withHeader("x-sb-error-code", "user_not_found")
                .withBody("{\"code\":\"user_not_found\",\"message\":\"User not found\"}")));
    }

    private static int status(Throwable e) {
        return ((WebApplicationException) e).getResponse().getStatus();
    }

    @Test
    void createsTheAuthUserWithTheSameIdAndItsProfile() {
        authUserDoesNotExist();
        SUPABASE.stubFor(post("/auth/v1/admin/users").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + orphan + "\",\"aud\":\"authenticated\",\"role\":\"authenticated\","
                        + "\"email\":\"marie@ferme.fr\",\"email_confirmed_at\":\"2025-10-10T22:10:34Z\","
                        + "\"app_metadata\":{\"provider\":\"email\"},\"user_metadata\":{\"first_name\":\"Marie\"},"
                        + "\"identities\":[],\"created_at\":\"2025-10-10T22:10:34Z\"}")));
        SUPABASE.stubFor(post("/rest/v1/users").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"id\":\"" + orphan + "\",\"email\":\"marie@ferme.fr\",\"first_name\":\"Marie\"}]")));

        CreatedAccount result = creator.create(orphan, "marie@ferme.fr", "Marie", "Dupont");

        assertThat(result).isEqualTo(new CreatedAccount(orphan, "marie@ferme.fr", "created", null, "created"));
        SUPABASE.verify(postRequestedFor(urlEqualTo("/auth/v1/admin/users"))
                .withHeader("apikey", equalTo(SERVICE_KEY))
                .withHeader("Authorization", equalTo("Bearer " + SERVICE_KEY))
                .withRequestBody(equalToJson("{\"id\":\"" + orphan + "\",\"email\":\"marie@ferme.fr\","
                        + "\"email_confirm\":true,\"user_metadata\":{\"first_name\":\"Marie\",\"last_name\":\"Dupont\"}}")));
        SUPABASE.verify(postRequestedFor(urlEqualTo("/rest/v1/users"))
                .withHeader("Prefer", equalTo("return=representation"))
                .withRequestBody(matchingJsonPath("$[0].id", equalTo(orphan.toString()))));
    }

    @Test
    void anEmailAlreadyRegisteredPointsToOptionA() {
        authUserDoesNotExist();
        SUPABASE.stubFor(post("/auth/v1/admin/users").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withHeader("x-sb-error-code", "email_exists")
                .withBody("{\"code\":\"email_exists\",\"message\":\"A user with this email address has already been registered\"}")));

        assertThatThrownBy(() -> creator.create(orphan, "marie@ferme.fr", null, null))
                .satisfies(e -> assertThat(status(e)).isEqualTo(409))
                .hasMessageContaining("already registered").hasMessageContaining("fix-user-id");
        SUPABASE.verify(0, postRequestedFor(urlEqualTo("/rest/v1/users")));
    }

    @Test
    void aKeyThatIsNotAServiceKeyIsNamed() {
        SUPABASE.stubFor(get("/auth/v1/admin/users/" + orphan).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withHeader("x-sb-error-code", "not_admin")
                .withBody("{\"code\":\"not_admin\",\"message\":\"User not allowed\"}")));

        assertThatThrownBy(() -> creator.create(orphan, "marie@ferme.fr", null, null))
                .satisfies(e -> assertThat(status(e)).isEqualTo(502))
                .hasMessageContaining("SUPABASE_SERVICE_KEY is not a service role key")
                .hasMessageNotContaining(SERVICE_KEY);
    }

    @Test
    void anExistingAuthUserIsNotCreatedTwice() {
        SUPABASE.stubFor(get("/auth/v1/admin/users/" + orphan).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + orphan + "\"}")));

        assertThatThrownBy(() -> creator.create(orphan, "marie@ferme.fr", null, null))
                .satisfies(e -> assertThat(status(e)).isEqualTo(409)).hasMessageContaining("already exists");
        SUPABASE.verify(0, postRequestedFor(urlEqualTo("/auth/v1/admin/users")));
    }

    @Test
    void anExistingProfileIsReportedNotFailed() {
        authUserDoesNotExist();
        SUPABASE.stubFor(post("/auth/v1/admin/users").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + orphan + "\"}")));
        SUPABASE.stubFor(post("/rest/v1/users").willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"23505\",\"details\":\"Key (id)=(" + orphan + ") already exists.\",\"hint\":null,"
                        + "\"message\":\"duplicate key value violates unique constraint \\\"users_pkey\\\"\"}")));

        assertThat(creator.create(orphan, "marie@ferme.fr", null, null).profile()).isEqualTo("already existed");
    }
}
