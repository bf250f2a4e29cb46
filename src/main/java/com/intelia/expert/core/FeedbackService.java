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

/** Ratings of conversations: the feedback row and the conversation's feedback fields change together. */
public class FeedbackService {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackService.class);
    private final Jdbi jdbi;

    public FeedbackService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Stores a checked rating (1 or -1) of a conversation. Unknown conversation: NotFoundException (404); another
     * user's: ForbiddenException (403).
     */
    public FeedbackResponse rate(UUID conversationId, FeedbackRequest request, Caller caller) {
        int rating = request.rating();
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
