package com.intelia.expert.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.api.ConversationMetadata;
import com.intelia.expert.api.ConversationPage;
import com.intelia.expert.api.SaveConversationRequest;
import com.intelia.expert.api.SaveConversationResponse;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.WebApplicationException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Saving, listing and deleting conversations against a real PostgreSQL. */
class ConversationServiceTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private final ConversationService service = new ConversationService(
            Jdbi.create(DATABASE.dataSource()).installPlugin(new SqlObjectPlugin()), JSON, Clock.systemUTC());

    private final UUID alice = UUID.randomUUID();
    private final Caller asAlice = new Caller(alice, "alice@example.com", false);

    private static SaveConversationRequest request(UUID id, UUID user, String question, String response,
                                                   ConversationMetadata metadata) {
        return new SaveConversationRequest(id, question, response, user, null, null, null, null, null, null, metadata);
    }

    @Test
    void savingTheSameConversationTwiceUpdatesIt() {
        UUID id = UUID.randomUUID();

        SaveConversationResponse first = service.save(request(id, alice, "What temperature for day-old chicks?",
                "32 to 33 degrees at chick level.", null), asAlice);
        SaveConversationResponse second = service.save(request(id, alice, "And at day 7?",
                "About 29 degrees.", null), asAlice);

        assertThat(first.status()).isEqualTo("created");
        assertThat(second.status()).isEqualTo("updated");
        Map<String, Object> row = DATABASE.rows("SELECT * FROM conversations WHERE id = '" + id + "'").get(0);
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE id = '" + id + "'")).isEqualTo(1L);
        assertThat(row.get("question")).isEqualTo("And at day 7?");
        assertThat(row.get("title")).as("the title stays the first question's").isEqualTo("What temperature for day-old chicks?");
        assertThat(row.get("last_message_preview")).isEqualTo("About 29 degrees.");
        assertThat(row.get("message_count")).isEqualTo(2);
    }

    @Test
    void aRetriedIdenticalSaveDoesNotCountAsANewMessage() {
        UUID id = UUID.randomUUID();
        service.save(request(id, alice, "Q", "A", null), asAlice);
        service.save(request(id, alice, "Q", "A", null), asAlice);

        assertThat(DATABASE.value("SELECT message_count FROM conversations WHERE id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void twoSavesOfOneIdAtTheSameMomentMakeOneRow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 25; round++) {
                UUID id = UUID.randomUUID();
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<SaveConversationResponse>> saves = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String question = "question " + i;
                    saves.add(pool.submit(() -> {
                        together.await();
                        return service.save(request(id, alice, question, "answer", null), asAlice);
                    }));
                }
                List<String> statuses = new ArrayList<>();
                for (Future<SaveConversationResponse> save : saves) {
                    statuses.add(save.get().status());
                }
                assertThat(statuses).containsExactlyInAnyOrder("created", "updated");
                assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE id = '" + id + "'")).isEqualTo(1L);
            }
        } finally {
            pool.shutdown();
        }
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
        assertThat((String) row.get("preview")).hasSizeLessThanOrEqualTo(200).startsWith("Use a gradual");
        assertThat(row.get("last_message_preview")).isEqualTo(row.get("preview"));
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
    void listingIsNewestFirstAndCursorPaginated() {
        UUID carol = UUID.randomUUID();
        Caller asCarol = new Caller(carol, null, false);
        OffsetDateTime start = OffsetDateTime.parse("2025-10-01T08:00:00Z");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UUID id = UUID.randomUUID();
            ids.add(0, id);
            service.save(new SaveConversationRequest(id, "question " + i, "answer", carol, start.plusMinutes(i),
                    null, null, null, null, null, null), asCarol);
        }

        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ConversationPage page = service.list(carol, 3, cursor == null ? null : Cursor.decode(cursor), asCarol);
            page.conversations().forEach(c -> seen.add(c.conversationId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void deletingMarksEveryConversationDeletedAndHidesThem() {
        UUID dave = UUID.randomUUID();
        Caller asDave = new Caller(dave, null, false);
        for (int i = 0; i < 4; i++) {
            service.save(request(UUID.randomUUID(), dave, "q" + i, "a", null), asDave);
        }

        assertThat(service.deleteAll(dave, asDave)).isEqualTo(4);
        assertThat(service.list(dave, 20, null, asDave).conversations()).isEmpty();
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE user_id = '" + dave + "' AND status = 'deleted'"))
                .isEqualTo(4L);
        assertThat(service.deleteAll(dave, asDave)).isZero();
    }

    @Test
    void listingOrDeletingAnotherUsersConversationsIsForbidden() {
        UUID erin = UUID.randomUUID();

        assertThatThrownBy(() -> service.list(erin, 10, null, asAlice))
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(403));
        assertThatThrownBy(() -> service.deleteAll(erin, asAlice))
                .satisfies(e -> assertThat(((WebApplicationException) e).getResponse().getStatus()).isEqualTo(403));
    }
}
