package com.intelia.expert.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.PlantedText;
import com.intelia.expert.support.SupabaseStub;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frontend's invite dialog and invitation page over HTTP on the real application, with Supabase Auth stubbed
 * over real HTTP in the shapes its sources document (supabase.md): each call with the body the frontend sends,
 * each field it reads checked, and what lands in PostgreSQL and the statistics.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InvitationsOverSupabaseTest {

    private static final WireMockServer SUPABASE = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        SUPABASE.start();
    }

    @AfterAll
    static void stopSupabase() {
        SUPABASE.stop();
    }

    private static final String FRONTEND = "https://expert.example.com";
    private static final UUID ADMIN = UUID.randomUUID();
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    private final UUID inviter = UUID.randomUUID();
    private final String inviterEmail = PlantedText.email("inviter");

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("supabase.url", SUPABASE.baseUrl()));
        all.add(ConfigOverride.config("supabase.key", SupabaseStub.ANON_KEY));
        all.add(ConfigOverride.config("supabase.serviceKey", SupabaseStub.SERVICE_KEY));
        all.add(ConfigOverride.config("supabase.readTimeout", "500ms"));
        all.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        all.add(ConfigOverride.config("secretKey", TestTokens.SECRET + "-invitations"));
        all.add(ConfigOverride.config("invitations.frontendUrl", FRONTEND + "/"));
        all.add(ConfigOverride.config("invitations.dailyLimitPerInviter", "12"));
        all.add(ConfigOverride.config("invitations.answerWithin", "3s"));
        return all.toArray(new ConfigOverride[0]);
    }

    @BeforeEach
    void reset() {
        SUPABASE.resetAll();
    }

    // ---- calls as the frontend makes them

    private String token(UUID user, String email, boolean anonymous) {
        return TestTokens.hs256(user, claims -> claims.claim("email", email).claim("is_anonymous", anonymous));
    }

    private Invocation.Builder api(String path) {
        return APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1" + path).request();
    }

    /** The invite dialog's body (InviteFriendModal): the inviter fields are the frontend's, force_send false. */
    private static String dialogBody(String personalMessage, boolean force, String... emails) {
        StringBuilder list = new StringBuilder();
        for (String email : emails) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(email).append('"');
        }
        return "{\"emails\":[" + list + "],\"personal_message\":\"" + personalMessage + "\","
                + "\"inviter_name\":\"Ines Inviter\",\"inviter_email\":\"forged@example.com\",\"language\":\"en\","
                + "\"force_send\":" + force + "}";
    }

    private Response send(UUID user, String email, String body) {
        return api("/invitations/send").header("Authorization", "Bearer " + token(user, email, false))
                .post(Entity.json(body));
    }

    private static JsonNode json(Response response, int status) {
        try (response) {
            String text = response.readEntity(String.class);
            assertThat(response.getStatus()).as(text).isEqualTo(status);
            return parse(text);
        }
    }

    private static JsonNode result(JsonNode answer, String email) {
        for (JsonNode result : answer.get("results")) {
            if (result.get("email").asText().equals(email)) {
                return result;
            }
        }
        throw new AssertionError("no result for an address in " + answer.get("results").size() + " results");
    }

    private static JsonNode parse(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text.length() + " characters", e);
        }
    }

    // ---- Supabase Auth as its sources answer

    private static ResponseDefinitionBuilder user(UUID id, String email, boolean unconfirmed) {
        return SupabaseStub.json(200, "{\"id\":\"" + id + "\",\"aud\":\"authenticated\",\"role\":\"authenticated\","
                + "\"email\":\"" + email + "\",\"invited_at\":\"2026-12-01T10:00:00Z\","
                + (unconfirmed ? "" : "\"email_confirmed_at\":\"2026-12-01T10:00:00Z\",")
                + "\"app_metadata\":{\"provider\":\"email\",\"providers\":[\"email\"]},\"user_metadata\":{},"
                + "\"identities\":[],\"created_at\":\"2026-12-01T10:00:00Z\",\"updated_at\":\"2026-12-01T10:00:00Z\"}");
    }

    /** GoTrue's error as it answers with X-Supabase-Api-Version: 2024-01-01, with the code header too. */
    private static ResponseDefinitionBuilder authError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-sb-error-code", code)
                .withBody("{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }

    private static void inviteAnswers(String email, ResponseDefinitionBuilder answer) {
        SUPABASE.stubFor(post(urlPathEqualTo("/auth/v1/invite"))
                .withRequestBody(matchingJsonPath("$.email", equalTo(email))).willReturn(answer));
    }

    private void adminProfile() {
        SUPABASE.stubFor(SupabaseStub.users().willReturn(SupabaseStub.profiles(
                new Profile(ADMIN, "admin@intelia.com", "Ada", "Admin", "admin", "enterprise"))));
    }

    // ---- the invite dialog

    @Test
    void everyStatusOfTheDialogComesBackPerAddressWithinSeconds() {
        String fresh = PlantedText.email("fresh");
        String registered = PlantedText.email("registered");
        String limited = PlantedText.email("limited");
        String broken = PlantedText.email("broken");
        String slow = PlantedText.email("slow");
        String message = PlantedText.of("personal-message");
        inviteAnswers(fresh, user(UUID.randomUUID(), fresh, true));
        inviteAnswers(registered, authError(422, "email_exists",
                "A user with this email address has already been registered"));
        SUPABASE.stubFor(get(urlPathEqualTo("/auth/v1/admin/users")).withQueryParam("filter", equalTo(registered))
                .willReturn(SupabaseStub.json(200, "{\"aud\":\"authenticated\",\"users\":[{\"id\":\"" + UUID.randomUUID()
                        + "\",\"email\":\"" + registered + "\",\"created_at\":\"2025-03-04T08:00:00Z\","
                        + "\"last_sign_in_at\":\"2026-11-30T18:45:00Z\"}]}")));
        inviteAnswers(limited, authError(429, "over_email_send_rate_limit", "Email rate limit exceeded"));
        inviteAnswers(broken, SupabaseStub.json(500, "{\"code\":500,\"error_code\":\"unexpected_failure\","
                + "\"msg\":\"Database error saving new user\"}"));
        inviteAnswers(slow, user(UUID.randomUUID(), slow, true).withFixedDelay(2000));

        long started = System.nanoTime();
        JsonNode answer = json(send(inviter, inviterEmail, dialogBody(message, false,
                fresh, registered, limited, broken, slow, "not-an-address")), 200);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(millis).as("the whole answer, Supabase slow for one address").isLessThan(2500);
        assertThat(answer.get("success").asBoolean()).isTrue();
        assertThat(answer.get("sent_count").asInt()).isEqualTo(1);
        assertThat(answer.get("resent_count").asInt()).isZero();
        assertThat(answer.get("skipped_count").asInt()).isEqualTo(1);
        assertThat(answer.get("failed_count").asInt()).isEqualTo(4);
        assertThat(answer.get("message").asText()).isEqualTo("Invitations: 1 sent, 1 skipped, 4 failed");
        assertThat(answer.get("results")).hasSize(6);

        JsonNode sent = result(answer, fresh);
        assertThat(sent.get("success").asBoolean()).isTrue();
        assertThat(sent.get("status").asText()).isEqualTo("sent");
        assertThat(sent.get("message").asText()).isEqualTo("Invitation sent.");
        JsonNode exists = result(answer, registered);
        assertThat(exists.get("success").asBoolean()).isFalse();
        assertThat(exists.get("status").asText()).isEqualTo("skipped");
        assertThat(exists.get("reason").asText()).isEqualTo("user_exists");
        assertThat(exists.at("/details/registered_since").asText()).isEqualTo("2025-03-04T08:00:00Z");
        assertThat(exists.at("/details/last_login").asText()).isEqualTo("2026-11-30T18:45:00Z");
        JsonNode rate = result(answer, limited);
        assertThat(rate.get("status").asText()).isEqualTo("failed");
        assertThat(rate.get("reason").asText()).contains("rate limit").contains("over_email_send_rate_limit");
        assertThat(result(answer, broken).get("reason").asText()).contains("did not answer");
        assertThat(result(answer, slow).get("reason").asText()).contains("timeout");
        JsonNode invalid = result(answer, "not-an-address");
        assertThat(invalid.get("status").asText()).isEqualTo("failed");
        assertThat(invalid.get("reason").asText()).contains("Invalid email");

        // the invitation went out with the service key, to the frontend's page, with the inviter of the token
        SUPABASE.verify(1, postRequestedFor(urlPathEqualTo("/auth/v1/invite"))
                .withQueryParam("redirect_to", equalTo(FRONTEND + "/auth/invitation"))
                .withHeader("apikey", equalTo(SupabaseStub.SERVICE_KEY))
                .withHeader("Authorization", equalTo("Bearer " + SupabaseStub.SERVICE_KEY))
                .withRequestBody(matchingJsonPath("$.email", equalTo(fresh)))
                .withRequestBody(matchingJsonPath("$.data.language", equalTo("en")))
                .withRequestBody(matchingJsonPath("$.data.inviter_name", equalTo("Ines Inviter")))
                .withRequestBody(matchingJsonPath("$.data.invited_by", equalTo(inviterEmail)))
                .withRequestBody(matchingJsonPath("$.data.personal_message", equalTo(message)))
                .withRequestBody(matchingJsonPath("$.data.invitation_type", equalTo("invite"))));
        // only what was sent is recorded, with the token's inviter and never the body's inviter_email
        assertThat(DATABASE.rows("SELECT inviter_user_id, inviter_email, inviter_name, status FROM invitations"
                + " WHERE inviter_user_id = '" + inviter + "'")).singleElement().satisfies(row -> {
                    assertThat(row.get("inviter_email")).isEqualTo(inviterEmail);
                    assertThat(row.get("inviter_name")).isEqualTo("Ines Inviter");
                    assertThat(row.get("status")).isEqualTo("pending");
                });
        assertThat(DATABASE.value("SELECT count(*) FROM invitations WHERE lower(invited_email) = lower('" + fresh + "')"))
                .isEqualTo(1L);
    }

    @Test
    void anAddressInvitedWithinADayIsSkippedUntilForcedThenResent() {
        String friend = PlantedText.email("friend");
        inviteAnswers(friend, user(UUID.randomUUID(), friend, true));
        assertThat(result(json(send(inviter, inviterEmail, dialogBody("", false, friend)), 200), friend)
                .get("status").asText()).isEqualTo("sent");

        JsonNode again = result(json(send(inviter, inviterEmail, dialogBody("", false, friend.toUpperCase())), 200),
                friend.toUpperCase());
        assertThat(again.get("status").asText()).isEqualTo("skipped");
        assertThat(again.get("reason").asText()).isEqualTo("already_invited_by_you");
        assertThat(again.at("/details/hours_remaining").asLong()).isEqualTo(24);
        assertThat(again.at("/details/invited_by").asText()).isEqualTo("Ines Inviter");
        assertThat(again.at("/details/invited_at").asText()).endsWith("Z");

        UUID colleague = UUID.randomUUID();
        JsonNode other = result(json(send(colleague, PlantedText.email("colleague"), dialogBody("", false, friend)), 200),
                friend);
        assertThat(other.get("reason").asText()).isEqualTo("already_invited_by_other");
        assertThat(other.at("/details/invited_by").asText()).isEqualTo("Ines Inviter");

        JsonNode forced = json(send(inviter, inviterEmail, dialogBody("", true, friend)), 200);
        assertThat(forced.get("resent_count").asInt()).isEqualTo(1);
        assertThat(result(forced, friend).get("status").asText()).isEqualTo("resent");
        assertThat(DATABASE.rows("SELECT status FROM invitations WHERE inviter_user_id = '" + inviter + "' ORDER BY created_at"))
                .extracting(row -> row.get("status")).containsExactly("superseded", "pending");
        SUPABASE.verify(2, postRequestedFor(urlPathEqualTo("/auth/v1/invite")));
    }

    @Test
    void anonymousSessionsTooManyAddressesAndTheDailyLimitAreRefusedAsJson() {
        JsonNode anonymous = json(api("/invitations/send").header("Authorization", "Bearer "
                + token(UUID.randomUUID(), null, true)).post(Entity.json(dialogBody("", false, "a@example.com"))), 403);
        assertThat(anonymous.get("message").asText()).contains("anonymous sessions cannot send invitations");

        String[] eleven = new String[11];
        for (int i = 0; i < eleven.length; i++) {
            eleven[i] = "guest" + i + "@example.com";
        }
        JsonNode tooMany = json(send(inviter, inviterEmail, dialogBody("", false, eleven)), 422);
        assertThat(tooMany.get("message").asText()).startsWith("emails");
        assertThat(json(send(inviter, inviterEmail, "{\"emails\":[],\"language\":\"fr\",\"force_send\":false}"), 422)
                .get("message").asText()).startsWith("emails");

        for (int i = 0; i < 12; i++) {
            DATABASE.execute("INSERT INTO invitations (inviter_user_id, inviter_email, invited_email, status)"
                    + " VALUES ('" + inviter + "', 'x@example.com', 'earlier" + i + "@example.com', 'pending')");
        }
        JsonNode limit = json(send(inviter, inviterEmail, dialogBody("", false, "one-more@example.com")), 429);
        assertThat(limit.get("code").asInt()).isEqualTo(429);
        assertThat(limit.get("message").asText()).contains("12 addresses a day").contains("0 left");
        SUPABASE.verify(0, postRequestedFor(urlPathEqualTo("/auth/v1/invite")));
    }

    // ---- the invitation page

    @Test
    void theInvitedPersonAcceptsFromTheLinkAndTheStatisticsCountIt() {
        String invited = PlantedText.email("invited");
        UUID invitedId = UUID.randomUUID();
        inviteAnswers(invited, user(invitedId, invited, true));
        json(send(inviter, inviterEmail, dialogBody(PlantedText.of("welcome"), false, invited)), 200);
        // an invitation the original backend recorded, by e-mail only, already accepted
        DATABASE.execute("INSERT INTO invitations (inviter_email, inviter_name, invited_email, status, accepted_at)"
                + " VALUES ('legacy-inviter@example.com', 'Legacy', 'legacy-guest@example.com', 'accepted', now())");

        // the callback page trades the link's token_hash for a session
        SUPABASE.stubFor(post(urlPathEqualTo("/auth/v1/verify"))
                .withRequestBody(equalToJson("{\"type\":\"invite\",\"token_hash\":\"pkce_link_hash\"}"))
                .willReturn(SupabaseStub.json(200, "{\"access_token\":\"session-access-token\",\"token_type\":\"bearer\","
                        + "\"expires_in\":3600,\"expires_at\":1893456000,\"refresh_token\":\"session-refresh-token\","
                        + "\"user\":{\"id\":\"" + invitedId + "\",\"email\":\"" + invited + "\",\"user_metadata\":{}}}")));
        SUPABASE.stubFor(post(urlPathEqualTo("/auth/v1/verify"))
                .withRequestBody(matchingJsonPath("$.token_hash", equalTo("used-hash")))
                .willReturn(authError(403, "otp_expired", "Email link is invalid or has expired")));
        JsonNode session = json(api("/auth/invitations/exchange-token").post(Entity.json("{\"token\":\"pkce_link_hash\"}")), 200);
        assertThat(session.get("success").asBoolean()).isTrue();
        assertThat(session.get("access_token").asText()).isEqualTo("session-access-token");
        assertThat(session.get("refresh_token").asText()).isEqualTo("session-refresh-token");
        assertThat(session.get("user_email").asText()).isEqualTo(invited);
        JsonNode used = json(api("/auth/invitations/exchange-token").post(Entity.json("{\"token\":\"used-hash\"}")), 401);
        assertThat(used.get("message").asText()).contains("already used");

        // the invitation page checks the token with Supabase, never the body
        String metadata = "{\"inviter_name\":\"Ines Inviter\",\"personal_message\":\"Bienvenue\",\"language\":\"en\","
                + "\"invitation_date\":\"2026-12-01T10:00:00Z\",\"invited_by\":\"" + inviterEmail + "\"}";
        SUPABASE.stubFor(get(urlPathEqualTo("/auth/v1/user"))
                .withHeader("Authorization", equalTo("Bearer session-access-token"))
                .withHeader("apikey", equalTo(SupabaseStub.ANON_KEY)).atPriority(2)
                .willReturn(SupabaseStub.json(200, "{\"id\":\"" + invitedId + "\",\"email\":\"" + invited + "\","
                        + "\"created_at\":\"2026-12-01T10:00:00Z\",\"user_metadata\":" + metadata + "}")));
        SUPABASE.stubFor(get(urlPathEqualTo("/auth/v1/user")).withHeader("Authorization", equalTo("Bearer expired-token"))
                .willReturn(authError(403, "bad_jwt", "invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired")));
        JsonNode check = json(api("/auth/invitations/validate-token")
                .post(Entity.json("{\"access_token\":\"session-access-token\"}")), 200);
        assertThat(check.get("success").asBoolean()).isTrue();
        assertThat(check.get("user_email").asText()).isEqualTo(invited);
        assertThat(check.get("user_id").asText()).isEqualTo(invitedId.toString());
        assertThat(check.get("inviter_name").asText()).isEqualTo("Ines Inviter");
        assertThat(check.at("/invitation_data/personal_message").asText()).isEqualTo("Bienvenue");
        assertThat(check.at("/invitation_data/language").asText()).isEqualTo("en");
        assertThat(check.at("/invitation_data/invitation_date").asText()).isEqualTo("2026-12-01T10:00:00Z");
        JsonNode expired = json(api("/auth/invitations/validate-token")
                .post(Entity.json("{\"access_token\":\"expired-token\"}")), 401);
        assertThat(expired.get("message").asText()).contains("not valid or has expired");

        // the form: password and profile, with an e-mail in the body that is not the invited one
        SUPABASE.stubFor(put(urlPathEqualTo("/auth/v1/admin/users/" + invitedId)).willReturn(user(invitedId, invited, false)));
        SUPABASE.stubFor(post(urlPathEqualTo("/rest/v1/users")).willReturn(aResponse().withStatus(201)));
        String form = "{\"access_token\":\"session-access-token\",\"firstName\":\"Marie\",\"lastName\":\"Dupont\","
                + "\"email\":\"someone-else@example.com\",\"linkedinProfile\":null,\"country\":\"FR\","
                + "\"phone\":\"+33 612-3456789\",\"companyName\":\"Ferme Dupont\",\"companyWebsite\":null,"
                + "\"companyLinkedin\":null,\"password\":\"Secret-Passw0rd!\"}";
        JsonNode done = json(api("/auth/invitations/complete-profile").post(Entity.json(form)), 200);
        assertThat(done.get("success").asBoolean()).isTrue();
        assertThat(done.get("redirect_url").asText()).isEqualTo("/chat");
        assertThat(done.get("message").asText()).isEqualTo("Profile completed");
        SUPABASE.verify(1, putRequestedFor(urlPathEqualTo("/auth/v1/admin/users/" + invitedId))
                .withHeader("Authorization", equalTo("Bearer " + SupabaseStub.SERVICE_KEY))
                .withRequestBody(matchingJsonPath("$.password", equalTo("Secret-Passw0rd!")))
                .withRequestBody(matchingJsonPath("$.user_metadata.first_name", equalTo("Marie")))
                .withRequestBody(matchingJsonPath("$.user_metadata.country", equalTo("FR")))
                .withRequestBody(matchingJsonPath("$.user_metadata.profile_completed", equalTo("true"))));
        SUPABASE.verify(1, postRequestedFor(urlPathEqualTo("/rest/v1/users"))
                .withRequestBody(matchingJsonPath("$.id", equalTo(invitedId.toString())))
                .withRequestBody(matchingJsonPath("$.email", equalTo(invited)))
                .withRequestBody(matchingJsonPath("$.first_name", equalTo("Marie")))
                .withRequestBody(matchingJsonPath("$.last_name", equalTo("Dupont")))
                .withRequestBody(matchingJsonPath("$.country", equalTo("FR")))
                .withRequestBody(matchingJsonPath("$.company_name", equalTo("Ferme Dupont")))
                .withRequestBody(matchingJsonPath("$.user_type", equalTo("user"))));
        assertThat(DATABASE.rows("SELECT status, accepted_user_id FROM invitations WHERE inviter_user_id = '" + inviter + "'"))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("status")).isEqualTo("accepted");
                    assertThat(row.get("accepted_user_id")).isEqualTo(invitedId);
                });

        // a second submission (a double click, a reload): Supabase now says the profile is complete
        SUPABASE.stubFor(get(urlPathEqualTo("/auth/v1/user")).withHeader("Authorization", equalTo("Bearer session-access-token"))
                .atPriority(1).willReturn(SupabaseStub.json(200, "{\"id\":\"" + invitedId + "\",\"email\":\"" + invited
                        + "\",\"user_metadata\":{\"profile_completed\":true,\"inviter_name\":\"Ines Inviter\"}}")));
        JsonNode twice = json(api("/auth/invitations/complete-profile").post(Entity.json(form)), 200);
        assertThat(twice.get("success").asBoolean()).isTrue();
        assertThat(twice.get("already_completed").asBoolean()).isTrue();
        assertThat(twice.get("redirect_url").asText()).isEqualTo("/chat");
        SUPABASE.verify(1, putRequestedFor(urlPathEqualTo("/auth/v1/admin/users/" + invitedId)));
        SUPABASE.verify(1, postRequestedFor(urlPathEqualTo("/rest/v1/users")));
        assertThat(DATABASE.value("SELECT count(*) FROM invitations WHERE status = 'accepted' AND accepted_user_id = '"
                + invitedId + "'")).isEqualTo(1L);

        // the admin's figures count this acceptance with the adopted one
        adminProfile();
        JsonNode stats = json(api("/invitations/stats/global-enhanced")
                .header("Authorization", "Bearer " + token(ADMIN, "admin@intelia.com", false)).get(), 200);
        assertThat(stats.get("total_accepted").asLong()).isEqualTo(2);
        assertThat(stats.get("top_inviters_by_accepted")).extracting(row -> row.get("inviter_user_id").asText(""))
                .contains(inviter.toString(), "");
        JsonNode fast = json(api("/stats-fast/invitations")
                .header("Authorization", "Bearer " + token(ADMIN, "admin@intelia.com", false)).get(), 200);
        assertThat(fast.at("/invitation_stats/total_invitations_accepted").asLong()).isEqualTo(2);
    }

    @Test
    void aProfileRowMadeByATriggerIsUpdatedWithoutTouchingItsUserType() {
        UUID invitedId = UUID.randomUUID();
        String invited = PlantedText.email("trigger");
        SUPABASE.stubFor(get(urlPathEqualTo("/auth/v1/user")).willReturn(SupabaseStub.json(200, "{\"id\":\"" + invitedId
                + "\",\"email\":\"" + invited + "\",\"user_metadata\":{}}")));
        SUPABASE.stubFor(put(urlPathEqualTo("/auth/v1/admin/users/" + invitedId)).willReturn(user(invitedId, invited, false)));
        SUPABASE.stubFor(post(urlPathEqualTo("/rest/v1/users")).willReturn(SupabaseStub.postgrestError(409, "23505",
                "duplicate key value violates unique constraint \\\"users_pkey\\\"")));
        SUPABASE.stubFor(patch(urlPathEqualTo("/rest/v1/users")).willReturn(aResponse().withStatus(204)));

        json(api("/auth/invitations/complete-profile").post(Entity.json("{\"access_token\":\"t\",\"firstName\":\"Jean\","
                + "\"lastName\":\"Martin\",\"fullName\":\"Jean Martin\",\"email\":\"" + invited + "\",\"country\":\"CA\","
                + "\"password\":\"Another-Passw0rd\"}")), 200);

        SUPABASE.verify(1, patchRequestedFor(urlPathEqualTo("/rest/v1/users")).withQueryParam("id", equalTo("eq." + invitedId))
                .withRequestBody(matchingJsonPath("$.first_name", equalTo("Jean")))
                .withRequestBody(matchingJsonPath("$.full_name", equalTo("Jean Martin")))
                .withRequestBody(notContaining("user_type")));
    }

    @Test
    void aShortPasswordIsRefusedBeforeSupabaseIsAsked() {
        JsonNode refused = json(api("/auth/invitations/complete-profile").post(Entity.json("{\"access_token\":\"t\","
                + "\"firstName\":\"Jean\",\"lastName\":\"Martin\",\"country\":\"CA\",\"password\":\"short\"}")), 422);
        assertThat(refused.get("message").asText()).isEqualTo("password must be at least 8 characters");
        // five emoji are ten UTF-16 units but five characters
        String emoji = "\uD83D\uDE00".repeat(5);
        assertThat(json(api("/auth/invitations/complete-profile").post(Entity.json("{\"access_token\":\"t\","
                + "\"firstName\":\"Jean\",\"lastName\":\"Martin\",\"country\":\"CA\",\"password\":\"" + emoji
                + "\"}")), 422).get("message").asText()).isEqualTo("password must be at least 8 characters");
        JsonNode missing = json(api("/auth/invitations/validate-token").post(Entity.json("{}")), 422);
        assertThat(missing.get("message").asText()).isEqualTo("access_token is required");
        SUPABASE.verify(0, putRequestedFor(urlPathEqualTo("/auth/v1/user")));
        assertThat(SUPABASE.getAllServeEvents()).isEmpty();
    }

    @Test
    void theBrowserMayCallTheInvitationPageWithoutATokenFromTheFrontendsOrigin() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + APP.getLocalPort() + "/api/v1/auth/invitations/validate-token");
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(uri)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");

        SUPABASE.stubFor(get(urlPathEqualTo("/auth/v1/user")).willReturn(authError(401, "no_authorization",
                "This endpoint requires a valid Bearer token")));
        HttpResponse<String> call = http.send(HttpRequest.newBuilder(uri).header("Origin", "http://localhost:3000")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"access_token\":\"from-the-link\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(call.statusCode()).isEqualTo(401);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
        assertThat(parse(call.body()).get("message").asText()).contains("not valid or has expired");
    }
}
