package com.intelia.expert.cli;

import com.intelia.expert.api.ConversationMessages;
import com.intelia.expert.api.ConversationPage;
import com.intelia.expert.api.SaveConversationRequest;
import com.intelia.expert.core.Caller;
import com.intelia.expert.core.ChatHistory;
import com.intelia.expert.core.ConversationService;
import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A chat's turns and rating through backup and restore: the restored chat reads as the saved one, turn by turn. */
class TurnsBackupRestoreTest {

    @TempDir
    Path directory;

    private static Jdbi jdbi(TestDatabase database) {
        return Jdbi.create(database.dataSource()).installPlugin(new SqlObjectPlugin());
    }

    @Test
    void aChatOfThreeTurnsComesBackWithEveryTurnInOrderAndItsRating() {
        TestDatabase source = TestDatabase.migrated();
        UUID owner = UUID.randomUUID();
        UUID chat = UUID.randomUUID();
        Caller asOwner = new Caller(owner, null, false);
        ConversationService conversations = Services.conversations(jdbi(source));
        for (int turn = 1; turn <= 3; turn++) {
            conversations.save(new SaveConversationRequest(chat, "Turn " + turn + " question?", "Turn " + turn
                    + " answer.", owner, null, null, null, null, null, null, null), asOwner);
        }
        Services.feedback(jdbi(source)).setRating(chat, -1, "too short", null, asOwner);
        ChatHistory before = Services.history(jdbi(source));
        Path file = directory.resolve("turns.backup");

        CliRunner.Result backup = CliRunner.run(source.environment(), "backup", "config.yml", "--out", file.toString());
        assertThat(backup.success()).as(backup.output()).isTrue();
        TestDatabase target = TestDatabase.migrated();
        CliRunner.Result restore = CliRunner.run(target.environment(), "restore", "config.yml", file.toString());
        assertThat(restore.success()).as(restore.output()).isTrue();

        ChatHistory after = Services.history(jdbi(target));
        ConversationMessages restored = after.messages(chat, 0, 500, asOwner);
        assertThat(restored).isEqualTo(before.messages(chat, 0, 500, asOwner));
        assertThat(restored.messages()).extracting(message -> message.content()).containsExactly(
                "Turn 1 question?", "Turn 1 answer.", "Turn 2 question?", "Turn 2 answer.", "Turn 3 question?",
                "Turn 3 answer.");
        assertThat(restored.messages().get(5).feedback()).isEqualTo("negative");
        ConversationPage list = after.list(owner, 999, 0, null, asOwner);
        assertThat(list).isEqualTo(before.list(owner, 999, 0, null, asOwner));
        assertThat(((Number) target.value("SELECT sum(questions) FROM stats_daily_user_live WHERE user_id = '" + owner
                + "'")).longValue()).as("the rollups rebuilt from the restored turns").isEqualTo(3);
    }
}
