package com.intelia.expert.resources;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.core.LocalInvitationChannel;
import com.intelia.expert.support.PlantedText;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without SUPABASE_URL, as a newcomer runs the service: the invite dialog writes to the local outbox and logs the
 * acceptance link (with ids, never the address), and the invitation page works end to end with that link, creating
 * the profile in the local user directory. The addresses and names are planted text: support/SuiteLogCheck fails
 * the build if any reaches the log.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InvitationsLocalOutboxTest {

    private static final UUID ADMIN = UUID.randomUUID();
    private static final Pattern LINK = Pattern.compile("accept at (\\S+)\\?token=([A-Za-z0-9_-]+)&type=invite");
    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    private final UUID inviter = UUID.randomUUID();
    private final ListAppender<ILoggingEvent> outboxLog = new ListAppender<>();

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        all.add(ConfigOverride.config("secretKey", TestTokens.SECRET + "-invitations"));
        return all.toArray(new ConfigOverride[0]);
    }

    @BeforeEach
    void listen() {
        outboxLog.start();
        ((Logger) LoggerFactory.getLogger(LocalInvitationChannel.class)).addAppender(outboxLog);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(LocalInvitationChannel.class)).detachAppender(outboxLog);
    }

    private Invocation.Builder api(String path) {
        return APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1" + path).request();
    }

    private static String token(UUID user, String email) {
        return TestTokens.hs256(user, claims -> claims.claim("email", email));
    }

    private static JsonNode json(Response response, int status) {
        try (response) {
            String text = response.readEntity(String.class);
            assertThat(response.getStatus()).as(text).isEqualTo(status);
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode invite(String email, String name) {
        return json(api("/invitations/send").header("Authorization", "Bearer " + token(inviter, PlantedText.email("host")))
                .post(Entity.json("{\"emails\":[\"" + email + "\"],\"personal_message\":\"" + PlantedText.of("note")
                        + "\",\"inviter_name\":\"" + name + "\",\"inviter_email\":\"x@example.com\",\"language\":\"fr\","
                        + "\"force_send\":false}")), 200);
    }

    /** The link of the newest outbox line, as a newcomer copies it from the log. */
    private String[] linkFromTheLog() {
        assertThat(outboxLog.list).isNotEmpty();
        String line = outboxLog.list.get(outboxLog.list.size() - 1).getFormattedMessage();
        Matcher link = LINK.matcher(line);
        assertThat(link.find()).as("an acceptance link in the outbox line").isTrue();
        return new String[] {link.group(1), link.group(2), line};
    }

    @Test
    void aNewcomerInvitesAndAcceptsOnOneMachine() {
        String guest = PlantedText.email("local-guest");
        String inviterName = PlantedText.of("inviter-name");
        JsonNode sent = invite(guest, inviterName);
        assertThat(sent.get("sent_count").asInt()).isEqualTo(1);
        assertThat(sent.at("/results/0/status").asText()).isEqualTo("sent");

        String[] link = linkFromTheLog();
        assertThat(link[0]).isEqualTo("http://localhost:3000/auth/invitation");
        assertThat(link[2]).doesNotContain(PlantedText.MARK).contains("invitation ").contains("invited user ");
        assertThat(DATABASE.value("SELECT count(*) FROM invitation_outbox WHERE token_hash = '" + link[1] + "'"))
                .as("the token is kept only as its HMAC").isEqualTo(0L);
        assertThat(DATABASE.value("SELECT count(*) FROM invitation_outbox WHERE invited_email = '" + guest + "'"))
                .isEqualTo(1L);

        JsonNode check = json(api("/auth/invitations/validate-token")
                .post(Entity.json("{\"access_token\":\"" + link[1] + "\"}")), 200);
        assertThat(check.get("success").asBoolean()).isTrue();
        assertThat(check.get("user_email").asText()).isEqualTo(guest);
        assertThat(check.get("inviter_name").asText()).isEqualTo(inviterName);
        assertThat(check.at("/invitation_data/language").asText()).isEqualTo("fr");
        assertThat(check.at("/invitation_data/personal_message").asText()).startsWith(PlantedText.MARK + "-note");
        UUID invited = UUID.fromString(check.get("user_id").asText());

        JsonNode session = json(api("/auth/invitations/exchange-token").post(Entity.json("{\"token\":\"" + link[1] + "\"}")), 200);
        assertThat(session.get("success").asBoolean()).isTrue();
        assertThat(session.get("access_token").asText()).isEqualTo(link[1]);
        assertThat(session.get("user_id").asText()).isEqualTo(invited.toString());

        String first = PlantedText.of("first");
        String form = "{\"access_token\":\"" + session.get("access_token").asText() + "\",\"firstName\":\"" + first
                + "\",\"lastName\":\"" + PlantedText.of("last") + "\",\"email\":\"" + PlantedText.email("other")
                + "\",\"country\":\"FR\",\"companyName\":null,\"password\":\"Secret-Passw0rd!\"}";
        JsonNode done = json(api("/auth/invitations/complete-profile").post(Entity.json(form)), 200);
        assertThat(done.get("success").asBoolean()).isTrue();
        assertThat(done.get("redirect_url").asText()).isEqualTo("/chat");
        assertThat(done.get("already_completed").asBoolean()).isFalse();
        assertThat(DATABASE.rows("SELECT email, first_name, user_type FROM local_user_profiles WHERE id = '" + invited + "'"))
                .singleElement().isEqualTo(Map.of("email", guest, "first_name", first, "user_type", "user"));
        assertThat(DATABASE.value("SELECT status FROM invitations WHERE inviter_user_id = '" + inviter + "'"))
                .isEqualTo("accepted");

        JsonNode twice = json(api("/auth/invitations/complete-profile").post(Entity.json(
                form.replace(first, PlantedText.of("changed")))), 200);
        assertThat(twice.get("already_completed").asBoolean()).isTrue();
        assertThat(DATABASE.value("SELECT first_name FROM local_user_profiles WHERE id = '" + invited + "'")).isEqualTo(first);

        // the newcomer is now a registered user: inviting the address again says so
        JsonNode again = invite(guest.toUpperCase(), inviterName);
        assertThat(again.at("/results/0/status").asText()).isEqualTo("skipped");
        assertThat(again.at("/results/0/reason").asText()).isEqualTo("user_exists");
        assertThat(again.at("/results/0/details/registered_since").asText()).endsWith("Z");

        // and the admin's figures count the acceptance
        DATABASE.execute("INSERT INTO local_user_profiles (id, email, first_name, last_name, user_type) VALUES ('"
                + ADMIN + "', 'admin-" + ADMIN + "@intelia.com', 'Ada', 'Admin', 'super_admin') ON CONFLICT DO NOTHING");
        JsonNode stats = json(api("/invitations/stats/global-enhanced")
                .header("Authorization", "Bearer " + token(ADMIN, "admin@intelia.com")).get(), 200);
        assertThat(stats.get("total_accepted").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("top_inviters_by_accepted")).extracting(row -> row.get("inviter_user_id").asText(""))
                .contains(inviter.toString());
    }

    @Test
    void oneAddressWrittenInTwoCasesIsInvitedOnce() {
        String guest = PlantedText.email("case-guest");
        String body = "{\"emails\":[\"" + guest + "\",\"" + guest.toUpperCase() + "\",\" " + guest + " \"],"
                + "\"inviter_name\":\"Ada\",\"language\":\"en\",\"force_send\":false}";

        JsonNode sent = json(api("/invitations/send").header("Authorization", "Bearer " + token(inviter,
                PlantedText.email("host"))).post(Entity.json(body)), 200);

        assertThat(sent.get("sent_count").asInt()).isEqualTo(1);
        assertThat(sent.get("results")).hasSize(1);
        assertThat(sent.at("/results/0/email").asText()).isEqualTo(guest);
        assertThat(DATABASE.value("SELECT count(*) FROM invitation_outbox WHERE lower(invited_email) = lower('"
                + guest + "')")).isEqualTo(1L);
    }

    @Test
    void aLinkThatIsNotInTheOutboxIsRefused() {
        JsonNode refused = json(api("/auth/invitations/validate-token")
                .post(Entity.json("{\"access_token\":\"not-a-link-token\"}")), 401);
        assertThat(refused.get("code").asInt()).isEqualTo(401);
        assertThat(refused.get("message").asText()).contains("not valid or has expired");
        assertThat(json(api("/auth/invitations/exchange-token").post(Entity.json("{\"token\":\"nope\"}")), 401)
                .get("message").asText()).contains("not valid");
    }
}
