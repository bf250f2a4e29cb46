package com.intelia.expert.core;

import com.intelia.expert.api.FeedbackRequest;
import com.intelia.expert.api.FeedbackResponse;
import com.intelia.expert.db.ConversationDao;
import com.intelia.expert.db.FeedbackDao;
import com.intelia.expert.db.SaveOutcome;
import jakarta.ws.rs.NotFoundException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

import static com.intelia.expert.core.InputRules.label;
import static com.intelia.expert.core.InputRules.required;
import static com.intelia.expert.core.InputRules.text;

/** Ratings of conversations: the feedback row and the conversation's feedback fields change together. */
public class FeedbackService {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackService.class);
    static final int MAX_COMMENT = 5000;

    private final Jdbi jdbi;

    public FeedbackService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public FeedbackResponse rate(UUID conversationId, FeedbackRequest request, Caller caller) {
        required(request, "body");
        int rating = required(request.rating(), "rating");
        if (rating != 1 && rating != -1) {
            throw InputRules.invalid("rating", "must be 1 (helpful) or -1 (not helpful)");
        }
        text(request.comment(), "comment", MAX_COMMENT);
        label(request.feedbackType(), "feedback_type", 50);
        SaveOutcome outcome = DeadlockRetry.run(() -> jdbi.inTransaction(handle -> {
            ConversationDao conversations = handle.attach(ConversationDao.class);
            UUID owner = conversations.lockOwnerOf(conversationId)
                    .orElseThrow(() -> new NotFoundException("conversation " + conversationId + " does not exist"));
            caller.requireSelfOrAdmin(owner, "you may only rate your own conversations");
            SaveOutcome saved = handle.attach(FeedbackDao.class)
                    .upsert(conversationId, caller.userId(), rating, request.comment(), request.feedbackType());
            conversations.recordFeedback(conversationId, rating, request.comment());
            return saved;
        }));
        String status = outcome.created() ? "created" : "updated";
        LOG.info("Feedback {} on conversation {} by user {}", status, conversationId, caller.userId());
        return new FeedbackResponse(status, conversationId, caller.userId(), rating, request.comment(),
                request.feedbackType());
    }
}
