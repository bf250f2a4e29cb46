package com.intelia.expert.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.migrations.DatabaseMigrator;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.OriginalSchema;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real application on the database the original backend created (support/OriginalSchema), after db migrate:
 * every endpoint and task reads the legacy rows without a 5xx, legacy invitation tokens are still accepted, and
 * inviters the original recorded by e-mail only are counted and named.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OriginalDatabaseApiTest {

    private static final TestDatabase DATABASE = originalMigrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    private static final UUID ADMIN = UUID.fromString("a0000000-0000-4000-8000-000000000001");
    private static final UUID MARIE = UUID.fromString("40000000-0000-4000-8000-000000000001");
    private static final UUID ORPHAN = UUID.fromString("40000000-0000-4000-8000-000000000003");
    private static final UUID NEWCOMER = UUID.fromString("a0000000-0000-4000-8000-000000000002");

    private static TestDatabase originalMigrated() {
        TestDatabase database = TestDatabase.empty();
        OriginalSchema.create(database);
        OriginalSchema.insertProductionRows(database);
        DatabaseMigrator.migrate(database.dataSource());
        return database;
    }

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        all.add(ConfigOverride.config("secretKey", TestTokens.SECRET + "-invitations"));
        return all.toArray(new ConfigOverride[0]);
    }

    @BeforeAll
    static void profiles() {
        LocalUserDirectory directory = Services.localDirectory(DATABASE.dataSource());
        directory.save(new Profile(ADMIN, "admin@intelia.com", "Ada", "Admin", "admin", "enterprise"));
        directory.save(new Profile(MARIE, "marie@farm.example", "Marie", "Dubois", "user", "pro"));
    }

    @Test
    void theDashboardCountsEveryActiveLegacyTurn() {
        JsonNode dashboard = json(get("/stats-fast/dashboard?from=2025-08-01&to=2025-10-31", ADMIN), 200);
        long legacyActive = (Long) DATABASE.value("SELECT count(*) FROM conversations WHERE status = 'active'"
                + " AND created_at < '2025-11-01' AND id::text LIKE '30000000-%'");
        assertThat(dashboard.findValue("total_questions").asLong()).isEqualTo(legacyActive);
        assertThat(dashboard.toString()).contains("openai_fallback");
    }

    @Test
    void theAdminQuestionsListReadsEveryLegacyRow() {
        long active = (Long) DATABASE.value("SELECT count(*) FROM conversations WHERE status = 'active'");
        Set<String> seen = new HashSet<>();
        for (int page = 1; page <= 5; page++) {
            JsonNode body = json(get("/stats-fast/questions?page=" + page + "&limit=100", ADMIN), 200);
            body.get("questions").forEach(q -> {
                seen.add(q.get("id").asText());
                if (q.get("id").asText().startsWith("30000000-")) { // written by the original backend
                    assertThat(q.get("language").isNull()).as("language of %s", q.get("id")).isFalse();
                }
                assertThat(q.get("session_id").asText()).hasSize(36);
            });
        }
        assertThat(seen).hasSize((int) active);
        JsonNode own = json(get("/stats-fast/questions?page=1&limit=20", MARIE), 200);
        assertThat(own.get("questions")).isNotEmpty();
    }

    @Test
    void aLegacyUsersConversationsListAndTakeFeedback() {
        JsonNode page = json(get("/conversations/user/" + MARIE + "?limit=100", MARIE), 200);
        assertThat(page.get("conversations")).isNotEmpty();
        String legacyId = page.get("conversations").get(0).get("id").asText();
        Response rated = post("/conversations/" + legacyId + "/feedback", MARIE,
                "{\"rating\":-1,\"comment\":\"too short\"}");
        assertThat(rated.getStatus()).as(rated.readEntity(String.class)).isEqualTo(200);
    }

    @Test
    void aRowOfTheOriginalDatabaseIsAOneTurnChatThatTakesFollowUps() {
        String legacy = "30000000-0000-4000-8000-000000009999"; // saved with the original's defaults only
        JsonNode item = null;
        for (JsonNode chat : json(get("/conversations/user/" + MARIE + "?limit=999", MARIE), 200).get("conversations")) {
            if (chat.get("id").asText().equals(legacy)) {
                item = chat;
            }
        }
        assertThat(item).as("Marie's history holds the legacy row").isNotNull();
        assertThat(item.get("title").asText()).isNotBlank();
        assertThat(item.get("preview").asText()).isEqualTo("Default-only question?");
        assertThat(item.get("last_message_preview").asText()).isEqualTo("Default-only answer.");
        assertThat(item.get("message_count").asInt()).isEqualTo(2);
        assertThat(item.get("language").asText()).isNotBlank();
        JsonNode messages = json(get("/conversations/" + legacy + "/messages", MARIE), 200).get("messages");
        assertThat(messages.findValuesAsText("content")).containsExactly("Default-only question?", "Default-only answer.");

        String followUp = "{\"conversation_id\":\"" + legacy + "\",\"user_id\":\"" + MARIE
                + "\",\"question\":\"And in winter?\",\"response\":\"Check the drinkers for frost.\"}";
        assertThat(json(post("/conversations/save", MARIE, followUp), 200).get("action").asText()).isEqualTo("append");
        assertThat(json(get("/conversations/" + legacy + "/messages", MARIE), 200).get("messages")).hasSize(4);
        assertThat(DATABASE.value("SELECT session_id::text FROM conversations WHERE question = 'And in winter?'"))
                .as("the uuid session_id column holds the chat").isEqualTo(legacy);
    }

    @Test
    void savesGoIntoTheUuidSessionColumn() {
        UUID chat = UUID.randomUUID();
        String body = "{\"conversation_id\":\"" + chat + "\",\"session_id\":\"" + chat + "\",\"user_id\":\"" + MARIE
                + "\",\"question\":\"Feed for layers at 20 weeks?\",\"response\":\"A pre-lay ration.\"}";
        assertThat(status(post("/conversations/save", MARIE, body))).isEqualTo(200);
        assertThat(DATABASE.value("SELECT session_id::text FROM conversations WHERE id = '" + chat + "'"))
                .isEqualTo(chat.toString());

        String notAUuid = body.replace("\"session_id\":\"" + chat + "\"", "\"session_id\":\"chat-7\"")
                .replace(chat.toString(), UUID.randomUUID().toString());
        Response refused = post("/conversations/save", MARIE, notAUuid);
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.readEntity(String.class)).contains("session_id").doesNotContain("chat-7");

        String legacyTurn = "{\"conversation_id\":\"30000000-0000-4000-8000-000000000004\",\"user_id\":\""
                + "40000000-0000-4000-8000-000000000004\",\"question\":\"Question 4 about the water intake of"
                + " broilers?\",\"response\":\"Corrected answer.\"}";
        Response updated = post("/conversations/save", ADMIN, legacyTurn);
        assertThat(json(updated, 200).get("status").asText()).isEqualTo("updated");
    }

    @Test
    void legacyInvitationTokensAreAcceptedOnceAndExpiredOnesAnswerGone() {
        assertThat(accept("legacy-token-pending-0002", NEWCOMER)).isEqualTo(200);
        assertThat(accept("legacy-token-pending-0002", NEWCOMER)).isEqualTo(409);
        assertThat(accept("legacy-token-expired-0004", NEWCOMER)).isEqualTo(410);
        assertThat(accept("legacy-token-expired-0007", NEWCOMER)).isEqualTo(410);
        assertThat(accept("legacy-token-cancelled-0008", NEWCOMER)).isEqualTo(410);
        assertThat(accept("legacy-token-accepted-0001", NEWCOMER)).isEqualTo(409);
        assertThat(accept("not-a-token", NEWCOMER)).isEqualTo(404);
    }

    @Test
    void inviterStatisticsNameInvitersWithoutUserIdByTheirEmail() {
        JsonNode global = json(get("/invitations/stats/global-enhanced", ADMIN), 200);
        assertThat(global.get("unique_inviters").asLong()).isGreaterThanOrEqualTo(3);
        JsonNode jean = null;
        for (JsonNode inviter : global.get("top_inviters_by_sent")) {
            if ("jean@coop.example".equals(inviter.get("inviter_email").asText())) {
                jean = inviter;
            }
        }
        assertThat(jean).as(global.toString()).isNotNull();
        assertThat(jean.get("invitations_sent").asLong()).isEqualTo(3);
        assertThat(jean.get("invitations_accepted").asLong()).isEqualTo(1);
        assertThat(jean.get("inviter_name").asText()).isEqualTo("Jean Martin");
        assertThat(jean.get("inviter_user_id").isNull()).isTrue();
        assertThat(json(get("/stats-fast/invitations", ADMIN), 200).toString()).contains("sam@farm.example");
    }

    @Test
    void aNewInvitationSatisfiesTheLegacyNotNullColumnsEvenWithoutAnEmailClaim() {
        UUID inviter = UUID.randomUUID();
        String token = TestTokens.hs256(inviter, claims -> claims.claim("email", null));
        Response created = APP.client().target(url("/invitations")).request()
                .header("Authorization", "Bearer " + token)
                .post(Entity.entity("{\"invited_email\":\"new@farm.example\"}", MediaType.APPLICATION_JSON));
        assertThat(created.getStatus()).as(created.readEntity(String.class)).isEqualTo(201);
        assertThat(DATABASE.value("SELECT inviter_email FROM invitations WHERE inviter_user_id = '" + inviter + "'"))
                .isEqualTo("");
    }

    @Test
    void theRepairTasksWorkOnLegacyRows() {
        JsonNode audit = json(task("user-id-audit"), 200);
        assertThat(audit.toString()).contains(ORPHAN.toString());
        JsonNode dryRun = json(task("fix-user-id?from=" + ORPHAN + "&to=" + MARIE), 200);
        assertThat(dryRun.toString()).contains("conversations");
        JsonNode refresh = json(task("refresh-stats"), 200);
        assertThat(refresh.toString()).contains("drift");
        assertThat(refresh.get("drift").findValuesAsText("stats_daily")).allMatch("0"::equals);
    }

    private static int accept(String invitationToken, UUID user) {
        return status(post("/invitations/accept", user, "{\"token\":\"" + invitationToken + "\"}"));
    }

    /** The status, with the body read so that the client's connection goes back to its pool. */
    private static int status(Response response) {
        response.readEntity(String.class);
        return response.getStatus();
    }

    private static String url(String path) {
        return "http://localhost:" + APP.getLocalPort() + "/api/v1" + path;
    }

    private static Response get(String path, UUID user) {
        return APP.client().target(url(path)).request().header("Authorization", "Bearer " + token(user)).get();
    }

    private static Response post(String path, UUID user, String json) {
        return APP.client().target(url(path)).request().header("Authorization", "Bearer " + token(user))
                .post(Entity.entity(json, MediaType.APPLICATION_JSON));
    }

    private static Response task(String nameAndQuery) {
        return APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/" + nameAndQuery).request()
                .post(Entity.text(""));
    }

    private static String token(UUID user) {
        return TestTokens.hs256(user, claims -> claims);
    }

    private static JsonNode json(Response response, int status) {
        String body = response.readEntity(String.class);
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        try {
            return io.dropwizard.jackson.Jackson.newObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
