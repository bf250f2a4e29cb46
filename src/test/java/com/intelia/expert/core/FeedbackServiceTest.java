package com.intelia.expert.core;

import com.intelia.expert.api.FeedbackRequest;
import com.intelia.expert.api.FeedbackResponse;
import com.intelia.expert.api.SaveConversationRequest;
import com.intelia.expert.support.TestDatabase;
import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.WebApplicationException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ratings against a real PostgreSQL: one row per rater, the conversation's fields in the same transaction. */
class FeedbackServiceTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final Jdbi JDBI = Jdbi.create(DATABASE.dataSource()).installPlugin(new SqlObjectPlugin());
    private final FeedbackService feedback = new FeedbackService(JDBI);
    private final ConversationService conversations =
            new ConversationService(JDBI, Jackson.newObjectMapper(), Clock.systemUTC());

    private final UUID owner = UUID.randomUUID();
    private final Caller asOwner = new Caller(owner, null, false);

    private UUID conversation() {
        UUID id = UUID.randomUUID();
        conversations.save(new SaveConversationRequest(id, "Q", "A", owner, null, null, null, null, null, null, null), asOwner);
        return id;
    }

    private static int status(Throwable e) {
        return ((WebApplicationException) e).getResponse().getStatus();
    }

    @Test
    void aRatingIsStoredAndCopiedOntoTheConversation() {
        UUID id = conversation();

        FeedbackResponse saved = feedback.rate(id, new FeedbackRequest(-1, "too vague", "accuracy"), asOwner);

        assertThat(saved.status()).isEqualTo("created");
        assertThat(DATABASE.rows("SELECT rating, comment, feedback_type FROM feedback WHERE conversation_id = '" + id + "'"))
                .containsExactly(Map.of("rating", -1, "comment", "too vague", "feedback_type", "accuracy"));
        assertThat(DATABASE.rows("SELECT feedback, feedback_comment FROM conversations WHERE id = '" + id + "'").get(0))
                .containsEntry("feedback", -1).containsEntry("feedback_comment", "too vague");
    }

    @Test
    void aSecondRatingBySameUserReplacesTheFirst() {
        UUID id = conversation();
        feedback.rate(id, new FeedbackRequest(-1, "too vague", null), asOwner);

        FeedbackResponse second = feedback.rate(id, new FeedbackRequest(1, null, null), asOwner);

        assertThat(second.status()).isEqualTo("updated");
        assertThat(DATABASE.value("SELECT count(*) FROM feedback WHERE conversation_id = '" + id + "'")).isEqualTo(1L);
        assertThat(DATABASE.value("SELECT rating FROM feedback WHERE conversation_id = '" + id + "'")).isEqualTo(1);
        assertThat(DATABASE.value("SELECT feedback FROM conversations WHERE id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void onlyTheOwnerOrAnAdminMayRate() {
        UUID id = conversation();

        assertThatThrownBy(() -> feedback.rate(id, new FeedbackRequest(1, null, null),
                new Caller(UUID.randomUUID(), null, false))).satisfies(e -> assertThat(status(e)).isEqualTo(403));
        assertThat(DATABASE.value("SELECT count(*) FROM feedback WHERE conversation_id = '" + id + "'")).isEqualTo(0L);

        assertThat(feedback.rate(id, new FeedbackRequest(1, null, null), new Caller(UUID.randomUUID(), null, true))
                .status()).isEqualTo("created");
    }

    @Test
    void ratingAnUnknownConversationIs404() {
        assertThatThrownBy(() -> feedback.rate(UUID.randomUUID(), new FeedbackRequest(1, null, null), asOwner))
                .satisfies(e -> assertThat(status(e)).isEqualTo(404));
    }

    @Test
    void aFailureAfterTheFeedbackRowLeavesNothingHalfWritten() {
        UUID id = conversation();
        DATABASE.execute("ALTER TABLE conversations ADD CONSTRAINT no_comment_for_test CHECK (feedback_comment IS NULL OR feedback_comment <> 'boom')");
        try {
            assertThatThrownBy(() -> feedback.rate(id, new FeedbackRequest(1, "boom", null), asOwner));

            assertThat(DATABASE.value("SELECT count(*) FROM feedback WHERE conversation_id = '" + id + "'")).isEqualTo(0L);
            assertThat(DATABASE.value("SELECT feedback FROM conversations WHERE id = '" + id + "'")).isNull();
        } finally {
            DATABASE.execute("ALTER TABLE conversations DROP CONSTRAINT no_comment_for_test");
        }
    }
}
