package com.intelia.expert.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.api.ConversationMetadata;
import com.intelia.expert.api.ConversationsDeleted;
import com.intelia.expert.api.SaveConversationRequest;
import com.intelia.expert.api.SaveConversationResponse;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.WebApplicationException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Saving turns of chats and deleting chats against a real PostgreSQL: every turn kept, retries change nothing. */
class ConversationServiceTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private final ConversationService service = Services.conversations(
            Jdbi.create(DATABASE.dataSource()).installPlugin(new SqlObjectPlugin()));

    private final UUID alice = UUID.randomUUID();
    private final Caller asAlice = new Caller(alice, "alice@example.com", false);

    private static SaveConversationRequest request(UUID id, UUID user, String question, String response,
                                                   ConversationMetadata metadata) {
        return new SaveConversationRequest(id, question, response, user, null, null, null, null, null, null, metadata);
    }

    private static long turnsOf(UUID chat) {
        return (Long) DATABASE.value("SELECT count(*) FROM conversations WHERE session_id = '" + chat + "'");
    }

    private static long questionsCountedFor(UUID user) {
        Object sum = DATABASE.value("SELECT sum(questions) FROM stats_daily_user_live WHERE user_id = '" + user + "'");
        return sum == null ? 0 : ((Number) sum).longValue();
    }

    @Test
    void aFollowUpSaveAddsATurnAndKeepsTheEarlierOne() {
        UUID chat = UUID.randomUUID();

        SaveConversationResponse first = service.save(request(chat, alice, "What temperature for day-old chicks?",
                "32 to 33 degrees at chick level.", null), asAlice);
        SaveConversationResponse second = service.save(request(chat, alice, "And at day 7?",
                "About 29 degrees.", null), asAlice);

        assertThat(first.status()).isEqualTo("created");
        assertThat(first.action()).isEqualTo("insert");
        assertThat(first.turnId()).as("the first turn's row id is the chat's id").isEqualTo(chat);
        assertThat(second.status()).isEqualTo("updated");
        assertThat(second.action()).isEqualTo("append");
        assertThat(second.turnId()).isNotEqualTo(chat);
        assertThat(DATABASE.rows("SELECT id, question, response FROM conversations WHERE session_id = '" + chat
                + "' ORDER BY created_at, id")).extracting(row -> row.get("question"))
                .containsExactly("What temperature for day-old chicks?", "And at day 7?");
        assertThat(DATABASE.value("SELECT question FROM conversations WHERE id = '" + chat + "'"))
                .isEqualTo("What temperature for day-old chicks?");
        assertThat(questionsCountedFor(alice)).isEqualTo(2);
    }

    @Test
    void aRetriedTurnChangesNothing() {
        UUID chat = UUID.randomUUID();
        service.save(request(chat, alice, "Q1", "A1", null), asAlice);
        service.save(request(chat, alice, "Q2", "A2", null), asAlice);
        Object updatedAt = DATABASE.value("SELECT max(updated_at) FROM conversations WHERE session_id = '" + chat + "'");

        SaveConversationResponse firstAgain = service.save(request(chat, alice, "Q1", "A1", null), asAlice);
        SaveConversationResponse secondAgain = service.save(request(chat, alice, "Q2", "A2", null), asAlice);

        assertThat(firstAgain.status()).isEqualTo("created");
        assertThat(firstAgain.action()).isEqualTo("unchanged");
        assertThat(firstAgain.turnId()).isEqualTo(chat);
        assertThat(secondAgain.status()).isEqualTo("updated");
        assertThat(secondAgain.action()).isEqualTo("unchanged");
        assertThat(turnsOf(chat)).isEqualTo(2);
        assertThat(questionsCountedFor(alice)).isEqualTo(2);
        assertThat(DATABASE.value("SELECT max(updated_at) FROM conversations WHERE session_id = '" + chat + "'"))
                .isEqualTo(updatedAt);
    }

    /**
     * 25 rounds of two saves into a new chat released at the same moment; {@code turn} gives save i's question, and
     * {@code check} receives each round's chat id and the two answers.
     */
    private void twoSavesAtOnce(IntFunction<String> turn, String answer,
                                BiConsumer<UUID, List<SaveConversationResponse>> check) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 25; round++) {
                UUID id = UUID.randomUUID();
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<SaveConversationResponse>> saves = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String question = turn.apply(i);
                    saves.add(pool.submit(() -> {
                        together.await();
                        return service.save(request(id, alice, question, answer, null), asAlice);
                    }));
                }
                List<SaveConversationResponse> answers = new ArrayList<>();
                for (Future<SaveConversationResponse> save : saves) {
                    answers.add(save.get());
                }
                check.accept(id, answers);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void twoFirstTurnsOfOneChatAtTheSameMomentAreBothKept() throws Exception {
        twoSavesAtOnce(i -> "question " + i, "answer", (id, answers) -> {
            assertThat(answers).extracting(SaveConversationResponse::status)
                    .containsExactlyInAnyOrder("created", "updated");
            assertThat(turnsOf(id)).isEqualTo(2L);
            assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE id = '" + id + "'")).isEqualTo(1L);
        });
    }

    @Test
    void twoRetriesOfOneTurnAtTheSameMomentMakeOneRow() throws Exception {
        twoSavesAtOnce(i -> "the same question", "the same answer", (id, answers) -> {
            assertThat(answers).extracting(SaveConversationResponse::status).containsOnly("created");
            assertThat(answers).extracting(SaveConversationResponse::action)
                    .containsExactlyInAnyOrder("insert", "unchanged");
            assertThat(turnsOf(id)).isEqualTo(1L);
        });
    }

    @Test
    void metadataIsStoredInItsOwnColumns() {
        UUID id = UUID.randomUUID();
        ConversationMetadata metadata = new ConversationMetadata("rag", 0.87, 1234, "fr", "expert",
                JSON.createArrayNode().add(JSON.createObjectNode().put("title", "Ross 308 guide").put("page", 12)),
                "gpt-4o-mini", 812, 240);

        service.save(request(id, alice, "Poids Ross 308 a 35 jours ?", "Environ 2,2 kg.", metadata), asAlice);

        Map<String, Object> row = DATABASE.rows("SELECT response_source, response_confidence, processing_time_ms,"
                + " language, mode, sources::text AS sources, model, prompt_tokens, completion_tokens, session_id"
                + " FROM conversations WHERE id = '" + id + "'").get(0);
        assertThat(row).containsEntry("response_source", "rag").containsEntry("response_confidence", 0.87)
                .containsEntry("processing_time_ms", 1234).containsEntry("language", "fr")
                .containsEntry("mode", "expert").containsEntry("model", "gpt-4o-mini")
                .containsEntry("prompt_tokens", 812).containsEntry("completion_tokens", 240)
                .containsEntry("session_id", id.toString());
        assertThat((String) row.get("sources")).contains("Ross 308 guide");
    }

    @Test
    void titleAndPreviewsAreDerivedFromLongTexts() {
        UUID id = UUID.randomUUID();
        String question = "How should I adjust the lighting program for broilers ".repeat(5);
        String response = "Use a gradual increase of darkness during the first week and keep ".repeat(10);

        service.save(request(id, alice, question, response, null), asAlice);

        Map<String, Object> row = DATABASE.rows("SELECT title, preview, last_message_preview FROM conversations"
                + " WHERE id = '" + id + "'").get(0);
        assertThat((String) row.get("title")).hasSizeLessThanOrEqualTo(100).startsWith("How should I adjust").endsWith("\u2026");
        assertThat((String) row.get("preview")).as("the question, as the history list shows it")
                .hasSizeLessThanOrEqualTo(200).startsWith("How should I adjust");
        assertThat((String) row.get("last_message_preview")).hasSizeLessThanOrEqualTo(200).startsWith("Use a gradual");
    }

    @Test
    void aUserMaySaveOnlyTheirOwnConversations() {
        UUID bob = UUID.randomUUID();

        assertThatThrownBy(() -> service.save(request(UUID.randomUUID(), bob, "Q", "A", null), asAlice))
                .isInstanceOf(WebApplicationException.class)
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(403));
    }

    @Test
    void anotherUsersConversationIdIsNeverTakenOver() {
        UUID id = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        service.save(request(id, bob, "Bob's question", "answer", null), new Caller(bob, null, false));

        assertThatThrownBy(() -> service.save(request(id, alice, "Alice overwrites", "x", null), asAlice))
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(403));
        assertThatThrownBy(() -> service.save(request(id, alice, "Admin moves it", "x", null),
                new Caller(UUID.randomUUID(), null, true)))
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(409));
        assertThat(DATABASE.value("SELECT question FROM conversations WHERE id = '" + id + "'")).isEqualTo("Bob's question");
        assertThat(turnsOf(id)).as("no turn of Alice's in Bob's chat").isEqualTo(1L);
    }

    @Test
    void anAdminMaySaveForAnyone() {
        UUID id = UUID.randomUUID();

        SaveConversationResponse saved = service.save(request(id, alice, "Q", "A", null),
                new Caller(UUID.randomUUID(), null, true));

        assertThat(saved.status()).isEqualTo("created");
        assertThat(saved.userId()).isEqualTo(alice);
    }

    @Test
    void deletingAllMarksEveryTurnOfEveryChatDeleted() {
        UUID dave = UUID.randomUUID();
        Caller asDave = new Caller(dave, null, false);
        for (int i = 0; i < 4; i++) {
            UUID chat = UUID.randomUUID();
            service.save(request(chat, dave, "q" + i, "a", null), asDave);
            service.save(request(chat, dave, "follow-up " + i, "b", null), asDave);
        }

        ConversationsDeleted deleted = service.deleteAll(dave, asDave);

        assertThat(deleted.deletedCount()).as("chats").isEqualTo(4);
        assertThat(deleted.deletedTurns()).isEqualTo(8);
        assertThat(deleted.message()).isEqualTo("4 conversations deleted");
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE user_id = '" + dave + "' AND status = 'deleted'"))
                .isEqualTo(8L);
        assertThat(questionsCountedFor(dave)).isZero();
        assertThat(service.deleteAll(dave, asDave).deletedCount()).isZero();
    }

    @Test
    void deletingOneChatMarksAllItsTurnsAndIsThen404() {
        UUID chat = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        service.save(request(chat, alice, "q1", "a1", null), asAlice);
        service.save(request(chat, alice, "q2", "a2", null), asAlice);
        service.save(request(other, alice, "kept", "a", null), asAlice);

        assertThat(service.delete(chat, asAlice).deletedTurns()).isEqualTo(2);

        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE session_id = '" + chat
                + "' AND status = 'deleted'")).isEqualTo(2L);
        assertThat(DATABASE.value("SELECT status FROM conversations WHERE id = '" + other + "'")).isEqualTo("active");
        assertThatThrownBy(() -> service.delete(chat, asAlice))
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(404));
        assertThatThrownBy(() -> service.delete(UUID.randomUUID(), asAlice))
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(404));
    }

    @Test
    void deletingAnotherUsersConversationsIsForbidden() {
        UUID erin = UUID.randomUUID();
        UUID erinsChat = UUID.randomUUID();
        service.save(request(erinsChat, erin, "q", "a", null), new Caller(erin, null, false));

        assertThatThrownBy(() -> service.deleteAll(erin, asAlice))
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(403));
        assertThatThrownBy(() -> service.delete(erinsChat, asAlice))
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(403));
        assertThat(DATABASE.value("SELECT status FROM conversations WHERE id = '" + erinsChat + "'")).isEqualTo("active");
    }
}
