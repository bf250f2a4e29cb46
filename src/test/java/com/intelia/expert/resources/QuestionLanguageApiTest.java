package com.intelia.expert.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.client.ClientProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The language of a saved question as the admin questions page reads it (it upper-cases it): the frontend's own
 * save body carries none, so the service detects it; a language the client sends wins; rows saved before read fr.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class QuestionLanguageApiTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        all.add(ConfigOverride.config("secretKey", TestTokens.SECRET + "-invitations"));
        return all.toArray(new ConfigOverride[0]);
    }

    private final UUID user = UUID.randomUUID();

    private WebTarget api(String path) {
        return APP.client().target("http://localhost:" + APP.getLocalPort() + "/api/v1" + path)
                .property(ClientProperties.READ_TIMEOUT, 60_000); // a cold first request on a busy machine
    }

    private void save(UUID asUser, String body) {
        try (Response response = api("/conversations/save").request()
                .header("Authorization", "Bearer " + TestTokens.hs256(asUser, c -> c))
                .post(Entity.entity(body, MediaType.APPLICATION_JSON))) {
            assertThat(response.getStatus()).as(response.readEntity(String.class)).isEqualTo(200);
        }
    }

    /** POST /conversations/save as the chat page builds it: no language anywhere. */
    private String frontendBody(UUID conversation, String question, String extra, String extraMetadata) {
        return """
                {"conversation_id":"%s","question":%s,"response":"Voici la réponse.","user_id":"%s",
                 "timestamp":"2025-10-10T22:10:34.123Z","source":"llm_streaming_agent"%s,
                 "metadata":{"mode":"streaming","backend":"llm-streaming","model":"gpt-4o",
                   "tokens":{"prompt_tokens":812,"completion_tokens":240},"session_id":"%s"%s}}
                """.formatted(conversation, APP.getObjectMapper().valueToTree(question), user, extra, conversation,
                extraMetadata);
    }

    /** The language of each question on the caller's own questions page, by question. */
    private Map<String, String> languagesListed(String query) {
        WebTarget questions = api("/stats-fast/questions").queryParam("limit", 100);
        if (query != null) {
            questions = questions.queryParam("language", query);
        }
        JsonNode page = questions.request().header("Authorization", "Bearer " + TestTokens.hs256(user, c -> c))
                .get(JsonNode.class);
        Map<String, String> languages = new HashMap<>();
        for (JsonNode question : page.get("questions")) {
            assertThat(question.get("language").isTextual()).as("language of %s", question).isTrue();
            languages.put(question.get("question").asText(), question.get("language").asText());
        }
        return languages;
    }

    @Test
    void aQuestionSavedByTheFrontendIsListedInTheLanguageItIsWrittenIn() {
        Map<String, String> asked = Map.of(
                "Quelle température faut-il dans le poulailler au démarrage ?", "fr",
                "How do I lower ammonia levels in the barn during winter?", "en",
                "¿Cuántos comederos necesito para cinco mil aves?", "es",
                "Wie kann ich Federpicken bei Junghennen vermeiden?", "de",
                "Come si previene la coccidiosi nei polli da carne?", "it",
                "Qual temperatura o aviário precisa na chegada dos pintinhos?", "pt",
                "Hoe voorkom ik verenpikken bij opfokhennen?", "nl",
                "Jak zapobiegać kokcydiozie u brojlerów?", "pl",
                "ป้องกันโรคบิดในไก่เนื้อได้อย่างไร", "th",
                "如何预防肉鸡球虫病？", "zh");
        for (String question : asked.keySet()) {
            save(user, frontendBody(UUID.randomUUID(), question, "", ""));
        }

        assertThat(languagesListed(null)).isEqualTo(asked);
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE user_id = '" + user + "'"
                + " AND language IS NULL")).isEqualTo(0L);
    }

    @Test
    void aQuestionTooShortToTellIsStoredAsFrench() {
        save(user, frontendBody(UUID.randomUUID(), "Ross 308 ?", "", ""));
        save(user, frontendBody(UUID.randomUUID(), "🐔❓", "", ""));

        assertThat(languagesListed(null)).isEqualTo(Map.of("Ross 308 ?", "fr", "🐔❓", "fr"));
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE user_id = '" + user + "'"
                + " AND language = 'fr'")).isEqualTo(2L);
    }

    @Test
    void aLanguageTheClientSendsWinsNormalised() {
        String french = "Quelle température faut-il dans le poulailler au démarrage ?";
        save(user, frontendBody(UUID.randomUUID(), french + " (1)", "", ",\"language\":\"EN-us\""));
        save(user, frontendBody(UUID.randomUUID(), french + " (2)", ",\"language\":\"de\"", ""));
        save(user, frontendBody(UUID.randomUUID(), french + " (3)", ",\"language\":\"es\"", ",\"language\":\"pt-BR\""));
        save(user, frontendBody(UUID.randomUUID(), french + " (4)", ",\"language\":\"auto\"", ""));

        assertThat(languagesListed(null)).isEqualTo(Map.of(french + " (1)", "en", french + " (2)", "de",
                french + " (3)", "pt", french + " (4)", "fr"));
    }

    @Test
    void aQuestionSavedBeforeLanguagesWereStoredIsListedAndFoundAsFrench() {
        DATABASE.execute("INSERT INTO conversations (session_id, user_id, question, response, language)"
                + " VALUES ('legacy', '" + user + "', 'What is the FCR of Ross 308 at day 42?', 'About 1.6.', NULL)");
        save(user, frontendBody(UUID.randomUUID(), "How do I lower ammonia levels in the barn during winter?", "", ""));

        assertThat(languagesListed(null)).containsEntry("What is the FCR of Ross 308 at day 42?", "fr");
        assertThat(languagesListed("fr")).containsOnlyKeys("What is the FCR of Ross 308 at day 42?");
        assertThat(languagesListed("en")).containsOnlyKeys("How do I lower ammonia levels in the barn during winter?");
        JsonNode history = api("/conversations/user/" + user).request()
                .header("Authorization", "Bearer " + TestTokens.hs256(user, c -> c)).get(JsonNode.class);
        assertThat(history.findValuesAsText("language")).containsExactlyInAnyOrder("fr", "en");
    }

    @Test
    void anAdminSeesTheDetectedLanguageOfEveryUsersQuestion() {
        UUID admin = UUID.randomUUID();
        Services.localDirectory(DATABASE.dataSource())
                .save(new Profile(admin, "admin@intelia.com", "Ada", "Admin", "admin", null));
        UUID conversation = UUID.randomUUID();
        save(user, frontendBody(conversation, "Berapa suhu kandang yang dibutuhkan saat DOC datang?", "", ""));

        JsonNode page = api("/stats-fast/questions").queryParam("user_id", user).request()
                .header("Authorization", "Bearer " + TestTokens.hs256(admin, c -> c)).get(JsonNode.class);

        assertThat(page.get("questions").get(0).get("id").asText()).isEqualTo(conversation.toString());
        assertThat(page.get("questions").get(0).get("language").asText()).isEqualTo("id");
    }
}
