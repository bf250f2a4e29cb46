package com.intelia.expert.core;

import com.intelia.expert.api.ConversationFeedbackResponse;
import com.intelia.expert.api.FeedbackRequest;
import com.intelia.expert.api.FeedbackResponse;
import com.intelia.expert.api.SaveConversationRequest;
import com.intelia.expert.support.Services;
import com.intelia.expert.support.TestDatabase;
import jakarta.ws.rs.WebApplicationException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ratings against a real PostgreSQL: one rating per chat, on its latest turn, one feedback row per rater, the turn's
 * fields and the statistics in the same transaction.
 */
class FeedbackServiceTest {

    private static final TestDatabase DATABASE = TestDatabase.migrated();
    private static final Jdbi JDBI = Jdbi.create(DATABASE.dataSource()).installPlugin(new SqlObjectPlugin());
    private final FeedbackService feedback = Services.feedback(JDBI);
    private final ConversationService conversations = Services.conversations(JDBI);

    private final UUID owner = UUID.randomUUID();
    private final Caller asOwner = new Caller(owner, null, false);

    private UUID conversation() {
        UUID id = UUID.randomUUID();
        conversations.save(new SaveConversationRequest(id, "Q", "A", owner, null, null, null, null, null, null, null), asOwner);
        return id;
    }

    private UUID turn(UUID chat, String question) {
        return conversations.save(new SaveConversationRequest(chat, question, "Answer to " + question, owner, null, null,
                null, null, null, null, null), asOwner).turnId();
    }

    /** Positive and negative ratings the rollups count, over every day. */
    private static List<Long> countedRatings() {
        Map<String, Object> row = DATABASE.rows("SELECT COALESCE(sum(feedback_positive), 0) AS up,"
                + " COALESCE(sum(feedback_negative), 0) AS down FROM stats_daily_live").get(0);
        return List.of(((Number) row.get("up")).longValue(), ((Number) row.get("down")).longValue());
    }

    private static List<Map<String, Object>> ratedTurns(UUID chat) {
        return DATABASE.rows("SELECT id, feedback, feedback_comment FROM conversations WHERE session_id = '" + chat
                + "' AND (feedback IS NOT NULL OR feedback_comment IS NOT NULL)");
    }

    private static Map<String, Object> row(UUID id, Integer feedback, String comment) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("id", id);
        row.put("feedback", feedback);
        row.put("feedback_comment", comment);
        return row;
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

    @Test
    void aChatsRatingSitsOnItsLatestTurnAndMovesThereWhenRatedAgain() {
        UUID chat = UUID.randomUUID();
        turn(chat, "first");
        UUID second = turn(chat, "second");
        List<Long> before = countedRatings();

        ConversationFeedbackResponse rated = feedback.setRating(chat, -1, "too vague", null, asOwner);

        assertThat(rated.turnId()).isEqualTo(second);
        assertThat(ratedTurns(chat)).containsExactly(row(second, -1, "too vague"));
        assertThat(countedRatings()).containsExactly(before.get(0), before.get(1) + 1);

        UUID third = turn(chat, "third");
        ConversationFeedbackResponse again = feedback.setRating(chat, 1, null, null, asOwner);

        assertThat(again.turnId()).isEqualTo(third);
        assertThat(ratedTurns(chat)).containsExactly(row(third, 1, null));
        assertThat(countedRatings()).as("one rating per chat").containsExactly(before.get(0) + 1, before.get(1));
        assertThat(DATABASE.rows("SELECT conversation_id, rating FROM feedback WHERE user_id = '" + owner + "'"))
                .containsExactly(Map.of("conversation_id", third, "rating", 1));
    }

    @Test
    void takingTheRatingBackRemovesItFromTheCountsAndTheFeedbackTable() {
        UUID chat = UUID.randomUUID();
        turn(chat, "first");
        turn(chat, "second");
        List<Long> before = countedRatings();
        feedback.setRating(chat, -1, "wrong breed", null, asOwner);

        ConversationFeedbackResponse removed = feedback.setRating(chat, null, null, null, asOwner);

        assertThat(removed.status()).isEqualTo("removed");
        assertThat(removed.feedback()).isNull();
        assertThat(ratedTurns(chat)).isEmpty();
        assertThat(countedRatings()).isEqualTo(before);
        assertThat(DATABASE.value("SELECT count(*) FROM feedback WHERE user_id = '" + owner + "'")).isEqualTo(0L);
    }

    @Test
    void aCommentJoinsTheRatedTurnAndAnUnratedChatKeepsItOnItsLatestTurn() {
        UUID chat = UUID.randomUUID();
        UUID first = turn(chat, "first");
        feedback.setRating(chat, -1, null, null, asOwner);
        turn(chat, "second");

        ConversationFeedbackResponse commented = feedback.setComment(chat, "the first answer was wrong", asOwner);

        assertThat(commented.turnId()).isEqualTo(first);
        assertThat(ratedTurns(chat)).containsExactly(row(first, -1, "the first answer was wrong"));
        assertThat(DATABASE.value("SELECT comment FROM feedback WHERE conversation_id = '" + first + "'"))
                .isEqualTo("the first answer was wrong");

        UUID unrated = UUID.randomUUID();
        turn(unrated, "one");
        UUID latest = turn(unrated, "two");
        assertThat(feedback.setComment(unrated, "no thumbs, just a remark", asOwner).turnId()).isEqualTo(latest);
        assertThat(DATABASE.value("SELECT feedback_comment FROM conversations WHERE id = '" + latest + "'"))
                .isEqualTo("no thumbs, just a remark");
    }

    @Test
    void aDeletedChatCannotBeRated() {
        UUID chat = conversation();
        conversations.delete(chat, asOwner);

        assertThatThrownBy(() -> feedback.setRating(chat, 1, null, null, asOwner))
                .satisfies(e -> assertThat(status(e)).isEqualTo(404));
        assertThatThrownBy(() -> feedback.setComment(chat, "x", asOwner))
                .satisfies(e -> assertThat(status(e)).isEqualTo(404));
    }
}
