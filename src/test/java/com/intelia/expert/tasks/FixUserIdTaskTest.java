package com.intelia.expert.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.ExpertApplication;
import com.intelia.expert.api.ConversationPage;
import com.intelia.expert.api.SaveConversationRequest;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.core.Caller;
import com.intelia.expert.core.ChatHistory;
import com.intelia.expert.core.ConversationService;
import com.intelia.expert.directory.LocalUserDirectory;
import com.intelia.expert.directory.Profile;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide's option A as admin tasks on the real application: fix-user-id (dry run, apply, refusals) and
 * undo-user-id-fix, with the rows and the rollups checked in PostgreSQL.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FixUserIdTaskTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final DropwizardAppExtension<ExpertConfiguration> APP = new DropwizardAppExtension<>(
            ExpertApplication.class, "config.yml", DATABASE.configOverrides());
    private static final LocalUserDirectory DIRECTORY = Services.localDirectory(DATABASE.dataSource());

    private final UUID orphan = UUID.randomUUID();
    private final UUID target = UUID.randomUUID();
    private final UUID bystander = UUID.randomUUID();

    @BeforeEach
    void anOrphanWithThreeConversationsAndOneRating() {
        DIRECTORY.save(new Profile(target, "farm-" + target + "@example.com", "Fay", "Farmer", "user", "pro"));
        conversations(orphan, 3);
        conversations(bystander, 2);
        DATABASE.execute("INSERT INTO feedback (conversation_id, user_id, rating) SELECT id, user_id, 1"
                + " FROM conversations WHERE user_id = '" + orphan + "' LIMIT 1");
    }

    private static void conversations(UUID user, int count) {
        DATABASE.execute("INSERT INTO conversations (session_id, user_id, question, response, processing_time_ms)"
                + " SELECT 's' || g, '" + user + "', 'Question ' || g, 'Answer', 900 FROM generate_series(1, "
                + count + ") g");
    }

    private static Response task(String nameAndQuery) {
        return APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/" + nameAndQuery)
                .request().post(Entity.text(""));
    }

    private static JsonNode json(Response response, int status) {
        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(response.getStatus()).as(body.toString()).isEqualTo(status);
        return body;
    }

    private static long count(String table, UUID user) {
        return (Long) DATABASE.value("SELECT count(*) FROM " + table + " WHERE user_id = '" + user + "'");
    }

    private static long rollupQuestions(UUID user) {
        return ((Number) DATABASE.value("SELECT coalesce(sum(questions), 0) FROM stats_monthly_user_live WHERE user_id = '"
                + user + "'")).longValue();
    }

    private String fix(String extra) {
        return "fix-user-id?from=" + orphan + "&to=" + target + extra;
    }

    @Test
    void aDryRunSaysWhatWouldMoveAndChangesNothing() {
        JsonNode preview = json(task(fix("")), 200);

        assertThat(preview.get("dry_run").asBoolean()).isTrue();
        assertThat(preview.get("conversations").asLong()).isEqualTo(3);
        assertThat(preview.get("feedback").asLong()).isEqualTo(1);
        assertThat(preview.get("sample")).hasSize(3);
        assertThat(preview.get("from_profile_status").asText()).isEqualTo("missing");
        assertThat(preview.get("to_profile_status").asText()).isEqualTo("found");
        assertThat(count("conversations", orphan)).isEqualTo(3);
        assertThat(count("conversations", target)).isZero();
    }

    @Test
    void applyMovesExactlyTheOrphansRowsAndTheRollupsFollow() {
        JsonNode applied = json(task(fix("&apply=true")), 200);

        assertThat(applied.get("conversations_moved").asInt()).isEqualTo(3);
        assertThat(applied.get("feedback_moved").asInt()).isEqualTo(1);
        assertThat(count("conversations", orphan)).isZero();
        assertThat(count("conversations", target)).isEqualTo(3);
        assertThat(count("feedback", target)).isEqualTo(1);
        assertThat(count("conversations", bystander)).isEqualTo(2);
        assertThat(rollupQuestions(orphan)).isZero();
        assertThat(rollupQuestions(target)).isEqualTo(3);
        assertThat(DATABASE.value("SELECT count(*) FROM user_id_repair_rows WHERE repair_id = '"
                + applied.get("repair_id").asText() + "'")).isEqualTo(4L);
    }

    @Test
    void everyAnswerKeepsItsFieldsInTheirOrder() {
        JsonNode preview = json(task(fix("")), 200);
        JsonNode applied = json(task(fix("&apply=true")), 200);
        String repair = applied.get("repair_id").asText();
        JsonNode undoPreview = json(task("undo-user-id-fix?repair_id=" + repair), 200);
        JsonNode undone = json(task("undo-user-id-fix?repair_id=" + repair + "&apply=true"), 200);

        assertThat(fieldNames(preview)).containsExactly("from", "to", "from_profile_status", "to_profile_status",
                "dry_run", "conversations", "feedback", "feedback_conflicts", "sample", "would_refuse");
        assertThat(fieldNames(preview.get("sample").get(0))).containsExactly("id", "created_at", "question");
        assertThat(preview.get("would_refuse").isNull()).isTrue();
        assertThat(fieldNames(applied)).containsExactly("from", "to", "from_profile_status", "to_profile_status",
                "dry_run", "repair_id", "conversations_moved", "feedback_moved", "undo");
        assertThat(applied.get("undo").asText())
                .isEqualTo("POST /tasks/undo-user-id-fix?repair_id=" + repair + "&apply=true");
        assertThat(fieldNames(undoPreview)).containsExactly("repair_id", "from", "to", "dry_run", "conversations",
                "feedback");
        assertThat(fieldNames(undone)).containsExactly("repair_id", "from", "to", "dry_run", "conversations_restored",
                "feedback_restored");
        assertThat(List.of(preview, applied, undoPreview, undone)).extracting(answer -> answer.get("dry_run").asBoolean())
                .containsExactly(true, false, true, false);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void undoPutsBackExactlyTheMovedRows() {
        String repair = json(task(fix("&apply=true")), 200).get("repair_id").asText();
        conversations(target, 2);

        JsonNode preview = json(task("undo-user-id-fix?repair_id=" + repair), 200);
        JsonNode undone = json(task("undo-user-id-fix?repair_id=" + repair + "&apply=true"), 200);

        assertThat(preview.get("conversations").asLong()).isEqualTo(3);
        assertThat(undone.get("conversations_restored").asInt()).isEqualTo(3);
        assertThat(undone.get("feedback_restored").asInt()).isEqualTo(1);
        assertThat(count("conversations", orphan)).isEqualTo(3);
        assertThat(count("conversations", target)).as("the target's own later rows stay").isEqualTo(2);
        assertThat(rollupQuestions(orphan)).isEqualTo(3);
        assertThat(json(task("undo-user-id-fix?repair_id=" + repair + "&apply=true"), 409)
                .get("message").asText()).contains("already undone");
        assertThat(json(task("undo-user-id-fix?repair_id=" + UUID.randomUUID() + "&apply=true"), 404)
                .get("message").asText()).contains("no repair");
    }

    @Test
    void everyTurnOfAChatMovesAndComesBack() {
        UUID chatOwner = UUID.randomUUID();
        UUID chat = UUID.randomUUID();
        Jdbi jdbi = Jdbi.create(DATABASE.dataSource()).installPlugin(new SqlObjectPlugin());
        ConversationService conversations = Services.conversations(jdbi);
        Caller admin = new Caller(UUID.randomUUID(), null, true);
        for (int turn = 1; turn <= 3; turn++) {
            conversations.save(new SaveConversationRequest(chat, "Turn " + turn + "?", "Answer " + turn, chatOwner, null,
                    null, null, null, null, null, null), admin);
        }
        ChatHistory history = Services.history(jdbi);
        String from = "fix-user-id?from=" + chatOwner + "&to=" + target;

        String repair = json(task(from + "&apply=true"), 200).get("repair_id").asText();

        ConversationPage moved = history.list(target, 999, 0, null, admin);
        assertThat(moved.conversations()).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo(chat.toString());
            assertThat(item.turnCount()).isEqualTo(3);
        });
        assertThat(history.list(chatOwner, 999, 0, null, admin).totalCount()).isZero();
        assertThat(rollupQuestions(target)).isEqualTo(3);

        json(task("undo-user-id-fix?repair_id=" + repair + "&apply=true"), 200);

        assertThat(history.list(chatOwner, 999, 0, null, admin).conversations()).singleElement()
                .satisfies(item -> assertThat(item.messageCount()).isEqualTo(6));
        assertThat(history.list(target, 999, 0, null, admin).totalCount()).isZero();
        assertThat(rollupQuestions(chatOwner)).isEqualTo(3);
    }

    @Test
    void aTargetWithoutAProfileIsRefusedUnlessForced() {
        UUID nobody = UUID.randomUUID();
        String path = "fix-user-id?from=" + orphan + "&to=" + nobody + "&apply=true";

        assertThat(json(task(path), 409).get("message").asText()).contains("has no profile").contains("force=true");
        assertThat(count("conversations", orphan)).isEqualTo(3);
        assertThat(json(task(path + "&force=true"), 200).get("conversations_moved").asInt()).isEqualTo(3);
    }

    @Test
    void malformedOrEqualIdsAreRefusedWithTheParameterNamed() {
        assertThat(json(task("fix-user-id?from=843d440a&to=" + target), 400).get("message").asText())
                .startsWith("from must be a UUID");
        assertThat(json(task("fix-user-id?from=" + orphan), 400).get("message").asText()).startsWith("to is required");
        assertThat(json(task("fix-user-id?from=" + target + "&to=" + target), 400).get("message").asText())
                .contains("the same user_id");
        assertThat(json(task(fix("&apply=yes")), 400).get("message").asText()).contains("apply must be true or false");
    }

    @Test
    void twoConcurrentAppliesNeverInterleave() {
        List<CompletableFuture<JsonNode>> runs = List.of(
                CompletableFuture.supplyAsync(() -> json(task(fix("&apply=true")), 200)),
                CompletableFuture.supplyAsync(() -> json(task(fix("&apply=true")), 200)));

        int moved = runs.stream().mapToInt(run -> run.join().get("conversations_moved").asInt()).sum();

        assertThat(moved).isEqualTo(3);
        assertThat(count("conversations", target)).isEqualTo(3);
        assertThat(rollupQuestions(target)).isEqualTo(3);
        assertThat(DATABASE.value("SELECT count(*) FROM user_id_repair_rows r JOIN user_id_repairs p"
                + " ON p.id = r.repair_id WHERE p.from_user_id = '" + orphan + "' AND r.table_name = 'conversations'"))
                .isEqualTo(3L);
    }

    @Test
    void aFailureMidWayLeavesNothingChanged() {
        DATABASE.execute("INSERT INTO feedback (conversation_id, user_id, rating) SELECT conversation_id, '" + target
                + "', -1 FROM feedback WHERE user_id = '" + orphan + "'");
        assertThat(json(task(fix("")), 200).get("feedback_conflicts").asLong()).isEqualTo(1);

        String message = json(task(fix("&apply=true")), 409).get("message").asText();

        assertThat(message).startsWith("nothing was changed").contains("feedback_conflicts");
        assertThat(count("conversations", orphan)).isEqualTo(3);
        assertThat(count("conversations", target)).isZero();
        assertThat(rollupQuestions(orphan)).isEqualTo(3);
        assertThat(DATABASE.value("SELECT count(*) FROM user_id_repairs WHERE from_user_id = '" + orphan + "'"))
                .isEqualTo(0L);
    }

    @Test
    void aTaskAnswersJsonEvenForAnUnknownParameterValue() {
        assertThat(json(task("undo-user-id-fix?repair_id=nope"), 400).get("message").asText())
                .startsWith("repair_id must be a UUID");
    }
}
