package com.intelia.expert.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.api.SaveConversationRequest;
import com.intelia.expert.api.SaveConversationResponse;
import com.intelia.expert.db.JdbiTurnStore;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.ServiceUnavailableException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group commit of saves on a real database. To make a batch certain, the test holds a lock that the first batch
 * waits on, queues the other saves meanwhile, then releases it: they are written together in the next batch.
 */
class SaveBatcherTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private static final Jdbi JDBI = Jdbi.create(DATABASE.dataSource()).installPlugin(new SqlObjectPlugin());

    private final SaveBatcher batcher = new SaveBatcher(new JdbiTurnStore(JDBI), 1, 64, 1000, 30_000);
    private final ConversationService service = Services.conversations(JDBI, Clock.systemUTC(), batcher);
    private final ExecutorService clients = Executors.newFixedThreadPool(64);
    private final UUID alice = UUID.randomUUID();
    private final Caller asAlice = new Caller(alice, null, false);

    @AfterEach
    void stop() throws Exception {
        batcher.stop();
        clients.shutdownNow();
    }

    private static SaveConversationRequest request(UUID id, UUID user, String question) {
        return new SaveConversationRequest(id, question, "Answer", user, null, null, null, null, null, null, null);
    }

    private CompletableFuture<SaveConversationResponse> saveLater(UUID id, UUID user, String question, Caller caller) {
        return CompletableFuture.supplyAsync(() -> service.save(request(id, user, question), caller), clients);
    }

    /** Runs the saves queued while the first batch waits on a lock, so that they form one batch after it. */
    private List<CompletableFuture<SaveConversationResponse>> inOneBatch(
            List<java.util.function.Supplier<CompletableFuture<SaveConversationResponse>>> saves) throws Exception {
        List<CompletableFuture<SaveConversationResponse>> results = new ArrayList<>();
        try (Connection blocker = DATABASE.dataSource().getConnection(); Statement sql = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            sql.execute("LOCK TABLE conversations IN EXCLUSIVE MODE");
            CompletableFuture<SaveConversationResponse> first = saveLater(UUID.randomUUID(), alice, "first", asAlice);
            waitFor(() -> queuedBehindTheLock() == 1);
            for (var save : saves) {
                results.add(save.get());
            }
            Thread.sleep(300); // let every client reach the queue
            blocker.commit();
            assertThat(first.get().status()).isEqualTo("created");
        }
        return results;
    }

    private static long queuedBehindTheLock() {
        return (Long) DATABASE.value("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND datname = current_database()");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void concurrentSavesAreWrittenTogetherAndAllLand() throws Exception {
        batcher.start();
        List<java.util.function.Supplier<CompletableFuture<SaveConversationResponse>>> saves = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String question = "question " + i;
            saves.add(() -> saveLater(UUID.randomUUID(), alice, question, asAlice));
        }

        List<CompletableFuture<SaveConversationResponse>> results = inOneBatch(saves);

        for (var result : results) {
            assertThat(result.get().status()).isEqualTo("created");
        }
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE user_id = '" + alice + "'")).isEqualTo(41L);
        assertThat(((Number) DATABASE.value("SELECT sum(questions) FROM stats_daily_user_live WHERE user_id = '" + alice
                + "'")).longValue()).isEqualTo(41L);
        assertThat(DATABASE.value("SELECT count(DISTINCT xmin::text) FROM conversations WHERE user_id = '" + alice
                + "'")).as("transactions that wrote the 41 rows: the first save, then the 40 queued behind it")
                .isEqualTo(2L);
    }

    @Test
    void twoTurnsOfOneChatInTheSameBatchAreBothKept() throws Exception {
        batcher.start();
        UUID id = UUID.randomUUID();

        List<CompletableFuture<SaveConversationResponse>> results = inOneBatch(List.of(
                () -> saveLater(id, alice, "one", asAlice), () -> saveLater(id, alice, "two", asAlice),
                () -> saveLater(id, alice, "two", asAlice)));

        List<String> actions = new ArrayList<>();
        for (var result : results) {
            actions.add(result.get().action());
        }
        assertThat(actions).as("a new chat, a new turn, and the same turn again (a retry)")
                .containsExactlyInAnyOrder("insert", "append", "unchanged");
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE session_id = '" + id + "'")).isEqualTo(2L);
        assertThat(DATABASE.value("SELECT count(*) FROM conversations WHERE id = '" + id + "'")).isEqualTo(1L);
    }

    @Test
    void aSaveThatFailsOrIsRefusedFailsOnlyItsOwnRequest() throws Exception {
        batcher.start();
        UUID bob = UUID.randomUUID();
        UUID bobsConversation = UUID.randomUUID();
        service.save(request(bobsConversation, bob, "Bob's"), new Caller(bob, null, false));
        DATABASE.execute("ALTER TABLE conversations ADD CONSTRAINT test_no_poison CHECK (question <> 'poison')");
        try {
            List<CompletableFuture<SaveConversationResponse>> results = inOneBatch(List.of(
                    () -> saveLater(UUID.randomUUID(), alice, "fine", asAlice),
                    () -> saveLater(UUID.randomUUID(), alice, "poison", asAlice),
                    () -> saveLater(bobsConversation, alice, "not mine", new Caller(alice, null, true)),
                    () -> saveLater(UUID.randomUUID(), alice, "also fine", asAlice)));

            assertThat(results.get(0).get().status()).isEqualTo("created");
            assertThat(results.get(1)).failsWithin(java.time.Duration.ofSeconds(5));
            assertThat(results.get(2)).failsWithin(java.time.Duration.ofSeconds(5));
            assertThat(results.get(3).get().status()).isEqualTo("created");
            assertThat(DATABASE.value("SELECT question FROM conversations WHERE id = '" + bobsConversation + "'"))
                    .isEqualTo("Bob's");
        } finally {
            DATABASE.execute("ALTER TABLE conversations DROP CONSTRAINT test_no_poison");
        }
    }

    @Test
    void withoutADatabaseEverySaveFailsWithTheConnectionError() throws Exception {
        org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:9/none?connectTimeout=1");
        SaveBatcher unreachable = new SaveBatcher(new JdbiTurnStore(Jdbi.create(nowhere)), 1, 64, 1000, 30_000);
        ConversationService down = Services.conversations(JDBI, Clock.systemUTC(), unreachable);
        unreachable.start();
        try {
            List<CompletableFuture<SaveConversationResponse>> saves = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                saves.add(CompletableFuture.supplyAsync(
                        () -> down.save(request(UUID.randomUUID(), alice, "q"), asAlice), clients));
            }
            for (CompletableFuture<SaveConversationResponse> save : saves) {
                assertThat(save).failsWithin(java.time.Duration.ofSeconds(20))
                        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                        .withCauseInstanceOf(org.jdbi.v3.core.ConnectionException.class);
            }
        } finally {
            unreachable.stop();
        }
    }

    @Test
    void savesAfterStopAreRefusedWith503() throws Exception {
        batcher.start();
        batcher.stop();

        assertThatThrownBy(() -> service.save(request(UUID.randomUUID(), alice, "late"), asAlice))
                .isInstanceOf(ServiceUnavailableException.class);
    }
}
