package com.intelia.expert.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.auth.TestTokens;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page's calls on the real application and database, each with the body the frontend sends (the contract,
 * ../shared/contract/frontend.md, "Conversations") and every field it reads checked: a chat of three turns saved,
 * listed, opened, searched, rated, commented, taken back and deleted, with the admin questions list and the
 * dashboard counting its turns. Requests go through java.net.http, which sends PATCH as a browser does.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConversationsApiTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", overrides());
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private static final UUID ADMIN = UUID.randomUUID();

    private final UUID user = UUID.randomUUID();

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(DATABASE.configOverrides()));
        all.add(ConfigOverride.config("jwtSecret", TestTokens.SECRET));
        all.add(ConfigOverride.config("secretKey", TestTokens.SECRET + "-invitations"));
        return all.toArray(new ConfigOverride[0]);
    }

    @BeforeAll
    static void anAdmin() {
        Services.localDirectory(DATABASE.dataSource())
                .save(new Profile(ADMIN, "admin@intelia.com", "Ada", "Admin", "admin", null));
    }

    /** The status and body of a call as {@code as}, the body read whole. */
    private record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        JsonNode ok() {
            assertThat(status).as(body).isEqualTo(200);
            return json();
        }

        /** A JSON error {code, message} with this status; the message contains {@code part}. */
        String refused(int expected, String part) {
            assertThat(status).as(body).isEqualTo(expected);
            JsonNode error = json();
            assertThat(error.get("code").asInt()).isEqualTo(expected);
            assertThat(error.get("message").asText()).contains(part);
            return error.get("message").asText();
        }
    }

    private static Answer call(String method, String path, UUID as, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort()
                        + "/api/v1" + path))
                .header("Authorization", "Bearer " + TestTokens.hs256(as, claims -> claims))
                .header("Accept", "application/json");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer get(String path, UUID as) {
        return call("GET", path, as, null);
    }

    private static Answer task(String nameAndQuery) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + APP.getAdminPort() + "/tasks/" + nameAndQuery))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A save as the frontend builds it after a streamed answer: no language, confidence or processing time;
     * metadata.session_id is the browser's session, not the chat (the chat is conversation_id).
     */
    private static String frontendSave(UUID chat, UUID owner, String question, String response, String timestamp) {
        return """
                {"conversation_id":"%s","question":%s,"response":%s,"user_id":"%s","timestamp":"%s",
                 "source":"llm_streaming_agent",
                 "metadata":{"mode":"streaming","backend":"llm_backend",
                   "agent_metadata":{"complexity":"simple","sub_queries_count":0,"synthesis_method":"direct",
                                     "sources_used":2,"processing_time":1834,"decisions":[]},
                   "model":"gpt-4o-mini","tokens":{"prompt_tokens":812,"completion_tokens":240},
                   "session_id":"%s"}}
                """.formatted(chat, quote(question), quote(response), owner, timestamp, UUID.randomUUID());
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private JsonNode save(UUID chat, String question, String response, String timestamp) {
        return call("POST", "/conversations/save", user, frontendSave(chat, user, question, response, timestamp)).ok();
    }

    private static JsonNode onlyItem(JsonNode list) {
        assertThat(list.get("conversations")).hasSize(1);
        return list.get("conversations").get(0);
    }

    private static long questionsOnTheDashboard(String day) {
        assertThat(task("clear-caches").status()).isEqualTo(200);
        return get("/stats-fast/dashboard?from=" + day + "&to=" + day, ADMIN).ok()
                .at("/usage_stats/total_questions").asLong();
    }

    @Test
    void aThreeTurnChatIsSavedListedOpenedSearchedRatedCommentedTakenBackAndDeleted() {
        UUID chat = UUID.randomUUID();
        String day = "2025-10-10";
        assertThat(questionsOnTheDashboard(day)).isZero();

        JsonNode first = save(chat, "What temperature for day-old Ross 308 chicks?",
                "Keep 32 to 33 degrees at chick level during the first days.", day + "T22:10:34.123Z");
        JsonNode second = save(chat, "And how much water do they drink at day 7?",
                "About 1.8 times their feed intake, roughly 60 ml per bird.", day + "T22:12:01.456Z");
        JsonNode third = save(chat, "When should I raise the feeders?",
                "Raise them so the lip stays at the height of the birds' backs.", day + "T22:15:40.789Z");

        assertThat(first.get("status").asText()).isEqualTo("created");
        assertThat(first.get("action").asText()).isEqualTo("insert");
        assertThat(first.get("conversation_id").asText()).isEqualTo(chat.toString());
        assertThat(second.get("status").asText()).isEqualTo("updated");
        assertThat(second.get("action").asText()).isEqualTo("append");
        assertThat(third.get("status").asText()).isEqualTo("updated");

        // history: one chat, title and preview from the first question, last preview from the last answer
        JsonNode list = get("/conversations/user/" + user + "?limit=999", user).ok();
        assertThat(list.get("total_count").asLong()).isEqualTo(1);
        JsonNode item = onlyItem(list);
        assertThat(item.get("id").asText()).isEqualTo(chat.toString());
        assertThat(item.get("title").asText()).isEqualTo("What temperature for day-old Ross 308 chicks?");
        assertThat(item.get("preview").asText()).isEqualTo("What temperature for day-old Ross 308 chicks?");
        assertThat(item.get("last_message_preview").asText())
                .isEqualTo("Raise them so the lip stays at the height of the birds' backs.");
        assertThat(item.get("message_count").asInt()).isEqualTo(6);
        assertThat(Instant.parse(item.get("created_at").asText())).isEqualTo(Instant.parse(day + "T22:10:34.123Z"));
        assertThat(Instant.parse(item.get("updated_at").asText())).isAfter(Instant.parse(day + "T22:15:40Z"));
        assertThat(item.get("feedback").isNull()).isTrue();
        assertThat(item.get("language").isTextual()).as("never null: the page calls string methods on it").isTrue();
        assertThat(item.get("status").asText()).isEqualTo("active");

        // the conversation view: oldest first, question then answer per turn
        JsonNode opened = get("/conversations/" + chat + "/messages", user).ok();
        assertThat(opened.get("conversation_id").asText()).isEqualTo(chat.toString());
        assertThat(opened.get("message_count").asInt()).isEqualTo(6);
        JsonNode messages = opened.get("messages");
        assertThat(messages).hasSize(6);
        assertThat(messages.findValuesAsText("role"))
                .containsExactly("user", "assistant", "user", "assistant", "user", "assistant");
        assertThat(messages.findValuesAsText("content")).containsExactly(
                "What temperature for day-old Ross 308 chicks?",
                "Keep 32 to 33 degrees at chick level during the first days.",
                "And how much water do they drink at day 7?",
                "About 1.8 times their feed intake, roughly 60 ml per bird.",
                "When should I raise the feeders?",
                "Raise them so the lip stays at the height of the birds' backs.");
        assertThat(messages.findValuesAsText("id")).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());
        assertThat(Instant.parse(messages.get(2).get("created_at").asText()))
                .isEqualTo(Instant.parse(day + "T22:12:01.456Z"));
        messages.forEach(message -> assertThat(message.get("feedback").isNull()).isTrue());

        // search, in an answer of the second turn, whatever the case
        JsonNode found = get("/conversations/search?q=" + encode("FEED INTAKE"), user).ok();
        assertThat(found.get("status").asText()).isEqualTo("success");
        assertThat(found.get("total_count").asLong()).isEqualTo(1);
        assertThat(onlyItem(found).get("id").asText()).isEqualTo(chat.toString());
        assertThat(onlyItem(found).get("message_count").asInt()).isEqualTo(6);
        assertThat(get("/conversations/search?q=" + encode("incubator humidity"), user).ok()
                .get("total_count").asLong()).isZero();

        // the admin questions list and the dashboard count three questions, each with its own id and time
        JsonNode questions = get("/stats-fast/questions?page=1&limit=20&user_id=" + user, ADMIN).ok();
        assertThat(questions.at("/pagination/total").asLong()).isEqualTo(3);
        assertThat(questions.get("questions").findValuesAsText("question")).containsExactly(
                "When should I raise the feeders?", "And how much water do they drink at day 7?",
                "What temperature for day-old Ross 308 chicks?");
        assertThat(questions.get("questions").findValuesAsText("session_id")).containsOnly(chat.toString());
        assertThat(questions.get("questions").findValuesAsText("id")).doesNotHaveDuplicates()
                .contains(chat.toString(), second.get("turn_id").asText(), third.get("turn_id").asText());
        JsonNode firstTwo = get("/stats-fast/questions?limit=2&user_id=" + user, ADMIN).ok();
        JsonNode afterCursor = get("/stats-fast/questions?limit=2&user_id=" + user + "&cursor="
                + firstTwo.get("next_cursor").asText(), ADMIN).ok();
        assertThat(afterCursor.get("questions").findValuesAsText("question"))
                .as("the questions cursor walks the turns").containsExactly("What temperature for day-old Ross 308 chicks?");
        assertThat(questionsOnTheDashboard(day)).isEqualTo(3);

        // thumbs down, as the frontend sends it: stored on the latest turn, shown in the list and the view
        call("PATCH", "/conversations/" + chat + "/feedback", user, "{\"feedback\":-1}").ok();
        assertThat(onlyItem(get("/conversations/user/" + user + "?limit=999", user).ok()).get("feedback").asInt())
                .isEqualTo(-1);
        JsonNode rated = get("/conversations/" + chat + "/messages", user).ok().get("messages");
        assertThat(rated.get(5).get("feedback").asText())
                .as("the frontend's Message type reads positive or negative").isEqualTo("negative");
        assertThat(rated.get(1).get("feedback").isNull()).isTrue();
        assertThat(get("/stats-fast/questions?page=1&limit=20&user_id=" + user + "&feedback=negative", ADMIN).ok()
                .at("/pagination/total").asLong()).isEqualTo(1);

        // its comment, then rating and comment together
        call("PATCH", "/conversations/" + chat + "/comment", user,
                "{\"comment\":\"The feeder height depends on the breed\",\"timestamp\":\"" + Instant.now() + "\"}").ok();
        assertThat(DATABASE.value("SELECT feedback_comment FROM conversations WHERE id = '"
                + third.get("turn_id").asText() + "'")).isEqualTo("The feeder height depends on the breed");
        call("PATCH", "/conversations/" + chat + "/feedback-with-comment", user,
                "{\"feedback\":1,\"comment\":\"Clear now, thanks\",\"timestamp\":\"" + Instant.now() + "\"}").ok();
        assertThat(DATABASE.rows("SELECT feedback, feedback_comment FROM conversations WHERE session_id = '" + chat
                + "' AND feedback IS NOT NULL")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("feedback", 1)
                        .containsEntry("feedback_comment", "Clear now, thanks"));
        assertThat(get("/stats-fast/questions?page=1&limit=20&user_id=" + user + "&feedback=positive", ADMIN).ok()
                .at("/pagination/total").asLong()).isEqualTo(1);

        // taken back: null removes it from the list, the view and the counts
        call("PATCH", "/conversations/" + chat + "/feedback", user, "{\"feedback\":null}").ok();
        assertThat(onlyItem(get("/conversations/user/" + user + "?limit=999", user).ok()).get("feedback").isNull())
                .isTrue();
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE session_id = '" + chat
                + "' AND (feedback IS NOT NULL OR feedback_comment IS NOT NULL)")).isEqualTo(0L);
        assertThat(get("/stats-fast/questions?page=1&limit=20&user_id=" + user + "&feedback=none", ADMIN).ok()
                .at("/pagination/total").asLong()).isEqualTo(3);
        assertThat(task("refresh-stats").ok().get("drift").findValuesAsText("stats_daily")).allMatch("0"::equals);

        // deleted: every turn, from the list, the view, the search and the counts; a second delete is 404
        JsonNode deleted = call("DELETE", "/conversations/" + chat, user, null).ok();
        assertThat(deleted.get("deleted_count").asLong()).isEqualTo(1);
        assertThat(deleted.get("deleted_turns").asLong()).isEqualTo(3);
        call("DELETE", "/conversations/" + chat, user, null).refused(404, "does not exist or was deleted");
        get("/conversations/" + chat + "/messages", user).refused(404, "does not exist or was deleted");
        JsonNode empty = get("/conversations/user/" + user + "?limit=999", user).ok();
        assertThat(empty.get("conversations")).isEmpty();
        assertThat(empty.get("total_count").asLong()).isZero();
        assertThat(get("/conversations/search?q=feeders", user).ok().get("total_count").asLong()).isZero();
        assertThat(questionsOnTheDashboard(day)).isZero();
    }

    @Test
    void aRetryOfATurnChangesNothing() {
        UUID chat = UUID.randomUUID();
        save(chat, "Ideal litter moisture?", "Between 20 and 30 percent.", "2025-10-11T08:00:00Z");
        JsonNode turn = save(chat, "How do I measure it?", "Squeeze a handful: it should not stick.",
                "2025-10-11T08:01:00Z");
        Object before = DATABASE.rows("SELECT id, updated_at FROM conversations WHERE session_id = '" + chat
                + "' ORDER BY id");
        long counted = questionsOnTheDashboard("2025-10-11");

        JsonNode again = save(chat, "How do I measure it?", "Squeeze a handful: it should not stick.",
                "2025-10-11T08:01:00Z");
        JsonNode firstAgain = save(chat, "Ideal litter moisture?", "Between 20 and 30 percent.",
                "2025-10-11T08:00:00Z");

        assertThat(again.get("action").asText()).isEqualTo("unchanged");
        assertThat(again.get("status").asText()).isEqualTo("updated");
        assertThat(again.get("turn_id").asText()).isEqualTo(turn.get("turn_id").asText());
        assertThat(firstAgain.get("action").asText()).isEqualTo("unchanged");
        assertThat(firstAgain.get("status").asText()).isEqualTo("created");
        assertThat(DATABASE.rows("SELECT id, updated_at FROM conversations WHERE session_id = '" + chat
                + "' ORDER BY id")).isEqualTo(before);
        assertThat(questionsOnTheDashboard("2025-10-11")).isEqualTo(counted);
        assertThat(get("/conversations/" + chat + "/messages", user).ok().get("messages")).hasSize(4);
    }

    @Test
    void aConversationSavedBeforeTurnsWereKeptIsAOneTurnChat() {
        UUID legacy = UUID.randomUUID();
        // as the earlier service wrote it: session_id = id, preview holding the answer, message_count counted saves
        DATABASE.execute("""
                INSERT INTO conversations (id, session_id, user_id, question, response, title, preview,
                                           last_message_preview, message_count, language, created_at)
                VALUES ('%s', '%s', '%s', 'Vaccination schedule for layers?', 'Marek at hatch, then IB and ND.',
                        'Vaccination schedule for layers?', 'Marek at hatch, then IB and ND.',
                        'Marek at hatch, then IB and ND.', 3, NULL, '2025-09-01T10:00:00Z')
                """.formatted(legacy, legacy, user));

        JsonNode item = onlyItem(get("/conversations/user/" + user + "?limit=999", user).ok());
        assertThat(item.get("id").asText()).isEqualTo(legacy.toString());
        assertThat(item.get("preview").asText()).as("the question, not the stored answer preview")
                .isEqualTo("Vaccination schedule for layers?");
        assertThat(item.get("last_message_preview").asText()).isEqualTo("Marek at hatch, then IB and ND.");
        assertThat(item.get("message_count").asInt()).isEqualTo(2);
        assertThat(item.get("language").asText()).isEqualTo("fr");
        JsonNode messages = get("/conversations/" + legacy + "/messages", user).ok().get("messages");
        assertThat(messages.findValuesAsText("content"))
                .containsExactly("Vaccination schedule for layers?", "Marek at hatch, then IB and ND.");

        JsonNode followUp = save(legacy, "And for broilers?", "Usually Gumboro and ND.", "2025-09-01T10:05:00Z");
        assertThat(followUp.get("status").asText()).isEqualTo("updated");
        assertThat(onlyItem(get("/conversations/user/" + user + "?limit=999", user).ok()).get("message_count").asInt())
                .isEqualTo(4);
    }

    @Test
    void theHistoryOfAHundredLongConversationsStaysSmall() {
        String longAnswer = "Broiler management depends on temperature, ventilation and feed. ".repeat(800);
        assertThat(longAnswer.length()).isGreaterThan(50_000);
        for (int i = 0; i < 100; i++) {
            save(UUID.randomUUID(), "Question " + i + " about long answers?", longAnswer,
                    Instant.now().minusSeconds(3600 + i).toString());
        }

        Answer list = get("/conversations/user/" + user + "?limit=999", user);

        JsonNode body = list.ok();
        assertThat(body.get("conversations")).hasSize(100);
        assertThat(body.get("total_count").asLong()).isEqualTo(100);
        assertThat(list.body().getBytes(StandardCharsets.UTF_8).length)
                .as("titles and previews only: 100 chats of 50 KB answers").isLessThan(100_000);
        body.get("conversations").forEach(item -> {
            assertThat(item.get("last_message_preview").asText()).hasSizeLessThanOrEqualTo(200);
            assertThat(item.get("preview").asText()).startsWith("Question ");
        });
        JsonNode one = get("/conversations/" + body.get("conversations").get(0).get("id").asText() + "/messages",
                user).ok();
        assertThat(one.get("messages").get(1).get("content").asText()).as("the full text").isEqualTo(longAnswer);
    }

    @Test
    void theListIsNewestFirstPagedByOffsetOrCursor() {
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID chat = UUID.randomUUID();
            save(chat, "Question " + i + "?", "Answer " + i, "2025-10-12T0" + i + ":00:00Z");
            chats.add(0, chat.toString());
        }

        JsonNode firstTwo = get("/conversations/user/" + user + "?limit=2", user).ok();
        JsonNode skipped = get("/conversations/user/" + user + "?limit=2&offset=2", user).ok();
        JsonNode after = get("/conversations/user/" + user + "?limit=2&cursor=" + firstTwo.get("next_cursor").asText(),
                user).ok();
        JsonNode past = get("/conversations/user/" + user + "?limit=999&offset=5", user).ok();

        assertThat(firstTwo.get("conversations").findValuesAsText("id")).containsExactlyElementsOf(chats.subList(0, 2));
        assertThat(firstTwo.get("total_count").asLong()).isEqualTo(5);
        assertThat(skipped.get("conversations").findValuesAsText("id")).containsExactlyElementsOf(chats.subList(2, 4));
        assertThat(after.get("conversations").findValuesAsText("id")).containsExactlyElementsOf(chats.subList(2, 4));
        assertThat(past.get("conversations")).isEmpty();
        assertThat(past.get("total_count").asLong()).isEqualTo(5);
        get("/conversations/user/" + user + "?offset=1&cursor=" + firstTwo.get("next_cursor").asText(), user)
                .refused(400, "offset cannot be combined with cursor");
    }

    @Test
    void aLongChatsMessagesComeInPages() {
        UUID chat = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            save(chat, "Question " + i + "?", "Answer " + i, "2025-10-13T08:0" + i + ":00Z");
        }

        JsonNode first = get("/conversations/" + chat + "/messages?limit=2", user).ok();
        JsonNode rest = get("/conversations/" + chat + "/messages?limit=500&offset="
                + first.get("next_offset").asInt(), user).ok();

        assertThat(first.get("message_count").asInt()).isEqualTo(10);
        assertThat(first.get("messages").findValuesAsText("content"))
                .containsExactly("Question 0?", "Answer 0", "Question 1?", "Answer 1");
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(rest.get("messages")).hasSize(6);
        assertThat(rest.get("has_more").asBoolean()).isFalse();
        assertThat(rest.get("next_offset").isNull()).isTrue();
    }

    @Test
    void deletingAllOfAUsersChatsAnswersWhatTheFrontendReads() {
        UUID one = UUID.randomUUID();
        save(one, "First?", "Yes.", "2025-10-14T08:00:00Z");
        save(one, "Second?", "Also.", "2025-10-14T08:01:00Z");
        save(UUID.randomUUID(), "Another chat?", "Indeed.", "2025-10-14T09:00:00Z");

        JsonNode deleted = call("DELETE", "/conversations/user/" + user, user, null).ok();

        assertThat(deleted.get("deleted_count").asLong()).isEqualTo(2);
        assertThat(deleted.get("message").asText()).isEqualTo("2 conversations deleted");
        assertThat(get("/conversations/user/" + user + "?limit=999", user).ok().get("conversations")).isEmpty();
        assertThat(call("DELETE", "/conversations/user/" + user, user, null).ok().get("deleted_count").asLong())
                .isZero();
    }

    @Test
    void theEarlierRatingCallStillWorks() {
        UUID chat = UUID.randomUUID();
        save(chat, "Stocking density?", "Around 33 kg per square metre.", "2025-10-15T08:00:00Z");

        JsonNode rated = call("POST", "/conversations/" + chat + "/feedback", user,
                "{\"rating\":1,\"comment\":\"useful\",\"feedback_type\":\"quality\"}").ok();

        assertThat(rated.get("status").asText()).isEqualTo("created");
        assertThat(onlyItem(get("/conversations/user/" + user + "?limit=999", user).ok()).get("feedback").asInt())
                .isEqualTo(1);
    }

    @Test
    void anotherUsersChatIsForbiddenAndAnAdminMayActOnIt() {
        UUID chat = UUID.randomUUID();
        save(chat, "Private question?", "Private answer.", "2025-10-16T08:00:00Z");
        UUID stranger = UUID.randomUUID();

        get("/conversations/" + chat + "/messages", stranger).refused(403, "your own conversations");
        get("/conversations/user/" + user + "?limit=999", stranger).refused(403, "your own conversations");
        call("PATCH", "/conversations/" + chat + "/feedback", stranger, "{\"feedback\":1}")
                .refused(403, "your own conversations");
        call("PATCH", "/conversations/" + chat + "/comment", stranger, "{\"comment\":\"x\"}")
                .refused(403, "your own conversations");
        call("DELETE", "/conversations/" + chat, stranger, null).refused(403, "your own conversations");
        call("POST", "/conversations/save", stranger, frontendSave(chat, stranger, "Mine now?", "No.",
                "2025-10-16T08:05:00Z")).refused(403, "belongs to another user");
        // the owner's turn word for word is no repeat of the stranger's (a 200 would hand out the owner's turn id)
        String refusal = call("POST", "/conversations/save", stranger, frontendSave(chat, stranger,
                "Private question?", "Private answer.", "2025-10-16T08:00:00Z")).refused(403, "belongs to another user");
        assertThat(refusal).doesNotContain("Private");
        call("POST", "/conversations/save", ADMIN, frontendSave(chat, ADMIN, "Private question?", "Private answer.",
                "2025-10-16T08:00:00Z")).refused(409, "belongs to another user");
        assertThat(get("/conversations/search?q=private", stranger).ok().get("total_count").asLong())
                .as("search reads the caller's own chats").isZero();

        assertThat(get("/conversations/" + chat + "/messages", ADMIN).ok().get("messages")).hasSize(2);
        call("PATCH", "/conversations/" + chat + "/feedback", ADMIN, "{\"feedback\":-1}").ok();
        assertThat(onlyItem(get("/conversations/user/" + user + "?limit=999", ADMIN).ok()).get("feedback").asInt())
                .isEqualTo(-1);
        call("DELETE", "/conversations/" + chat, ADMIN, null).ok();
    }

    @Test
    void mistakesAreJsonErrorsNamingTheFieldAndNothingIsStored() {
        UUID chat = UUID.randomUUID();
        save(chat, "Planted question 4711?", "Answer.", "2025-10-17T08:00:00Z");
        String path = "/conversations/" + chat;

        call("PATCH", path + "/feedback", user, "{}").refused(422, "feedback is required");
        call("PATCH", path + "/feedback", user, "{\"feedback\":2}").refused(422, "feedback must be 1");
        call("PATCH", path + "/feedback", user, "{\"feedback\":\"1\"}").refused(422, "feedback must be 1");
        call("PATCH", path + "/feedback-with-comment", user, "{\"feedback\":null,\"comment\":\"x\"}")
                .refused(422, "feedback is required");
        call("PATCH", path + "/comment", user, "{\"timestamp\":\"" + Instant.now() + "\"}")
                .refused(422, "comment is required");
        call("PATCH", path + "/comment", user, "{\"comment\":\"" + "c".repeat(5001) + "\"}")
                .refused(413, "comment is longer than the limit of 5000 characters");
        call("PATCH", path + "/comment", user, "{\"comment\":\"x\",\"timestamp\":\"2999-01-01T00:00:00Z\"}")
                .refused(422, "timestamp");
        call("PATCH", "/conversations/not-a-uuid/feedback", user, "{\"feedback\":1}")
                .refused(400, "conversation_id must be a UUID");
        call("PATCH", "/conversations/" + UUID.randomUUID() + "/feedback", user, "{\"feedback\":1}")
                .refused(404, "does not exist");
        Answer share = call("POST", path + "/share", user, "{}");
        assertThat(share.status()).as("sharing is another component's (README, Deployment)").isEqualTo(404);
        assertThat(share.json().get("code").asInt()).isEqualTo(404);
        get("/conversations/search", user).refused(400, "q is required");
        String tooLong = get("/conversations/search?q=" + "Planted".repeat(40), user).refused(400, "q must be");
        assertThat(tooLong).doesNotContain("Planted");
        get(path + "/messages?offset=-1", user).refused(400, "offset must be a whole number between 0");
        call("POST", "/conversations/save", user, frontendSave(chat, user, "Q?", "A.", "2025-10-17T08:01:00Z")
                .replace("\"source\":", "\"session_id\":\"" + UUID.randomUUID() + "\",\"source\":"))
                .refused(422, "session_id must be the conversation_id");
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE session_id = '" + chat + "'")).isEqualTo(1L);
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE session_id = '" + chat
                + "' AND feedback IS NOT NULL")).isEqualTo(0L);
    }

    @Test
    void aMessageOfImagesOnlyIsATurnWithAnEmptyQuestion() {
        UUID chat = UUID.randomUUID();
        JsonNode saved = call("POST", "/conversations/save", user, frontendSave(chat, user, "",
                "The lesions in the picture look like coccidiosis.", "2025-10-17T09:00:00Z")
                .replace("\"llm_streaming_agent\"", "\"llm_vision\"")).ok();
        assertThat(saved.get("status").asText()).isEqualTo("created");
        JsonNode messages = get("/conversations/" + chat + "/messages", user).ok().get("messages");
        assertThat(messages.findValuesAsText("role")).containsExactly("user", "assistant");
        assertThat(messages.get(1).get("content").asText()).startsWith("The lesions");
        assertThat(get("/stats-fast/questions?page=1&limit=20&user_id=" + user, ADMIN).ok()
                .at("/pagination/total").asLong()).as("it counts as a question asked").isEqualTo(1);

        call("POST", "/conversations/save", user, frontendSave(UUID.randomUUID(), user, " ", "", "2025-10-17T09:01:00Z"))
                .refused(422, "question is required when response is empty");
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE user_id = '" + user + "'")).isEqualTo(1L);
    }

    @Test
    void aNumberOrABooleanWhereTextBelongsIsRefusedNotStoredAsText() {
        UUID chat = UUID.randomUUID();
        call("POST", "/conversations/save", user, frontendSave(chat, user, "Q?", "A.", "2025-10-17T10:00:00Z")
                .replace("\"question\":\"Q?\"", "\"question\":5")).refused(400, "question must be a string");
        save(chat, "Q?", "A.", "2025-10-17T10:00:00Z");
        call("PATCH", "/conversations/" + chat + "/comment", user, "{\"comment\":123}")
                .refused(400, "comment must be a string");
        call("PATCH", "/conversations/" + chat + "/feedback", user, "{\"feedback\":1,\"feedback_comment\":true}")
                .refused(400, "feedback_comment must be a string");
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE session_id = '" + chat
                + "' AND (feedback IS NOT NULL OR feedback_comment IS NOT NULL)")).isEqualTo(0L);
    }

    @Test
    void theChatPagesApiCheckAndWrongMethodsOrTypesAnswerWhatToDo() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + APP.getLocalPort() + "/api/v1/conversations/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isIn("healthy", "degraded");

        UUID chat = UUID.randomUUID();
        String wrongMethod = get("/conversations/" + chat, user).refused(405, "this path does not take GET; it takes ");
        assertThat(wrongMethod).contains("DELETE");
        call("PUT", "/conversations/save", user, "{}").refused(405, "it takes POST");
        get("/conversations/" + chat + "/no-such-thing", user).refused(404, "no endpoint at this path");

        HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + APP.getLocalPort() + "/api/v1/conversations/save"))
                .header("Authorization", "Bearer " + TestTokens.hs256(user, claims -> claims))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(415);
        assertThat(JSON.readTree(plain.body()).get("message").asText())
                .isEqualTo("the body must be JSON: send Content-Type: application/json");
    }
}
