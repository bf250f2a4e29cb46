package com.intelia.expert.core;

import com.intelia.expert.api.ConversationFeedbackResponse;
import com.intelia.expert.api.FeedbackRequest;
import com.intelia.expert.api.FeedbackResponse;
import com.intelia.expert.db.ChatTurn;
import com.intelia.expert.db.FeedbackStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Ratings of chats, as the frontend sends them: per conversation. A chat carries one rating, on the turn that was
 * its latest when it was rated (the answer the user just read): rating again moves it there, taking it back removes
 * it. The turn's feedback columns (which the statistics count, through the rollup triggers) and the rater's row in
 * the feedback table change in one transaction, so a 2xx means stored and counted.
 */
public class FeedbackService {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackService.class);
    private static final String OWN_CHATS_ONLY = "you may only rate your own conversations";

    private final FeedbackStore store;

    public FeedbackService(FeedbackStore store) {
        this.store = store;
    }

    /**
     * POST /conversations/{id}/feedback: stores a checked rating (1 or -1) with its optional comment and type. Unknown
     * or deleted chat: NotFoundException (404); another user's: ForbiddenException (403) unless the caller is an admin.
     */
    public FeedbackResponse rate(UUID chat, FeedbackRequest request, Caller caller) {
        ConversationFeedbackResponse stored = setRating(chat, request.rating(), request.comment(),
                request.feedbackType(), caller);
        return new FeedbackResponse(stored.status(), chat, caller.userId(), request.rating(), request.comment(),
                request.feedbackType());
    }

    /**
     * Puts rating (1 or -1) and comment on the chat's latest turn, taking them off its other turns; null rating takes
     * the chat's rating (and its comment) back. Errors as {@link #rate}.
     */
    public ConversationFeedbackResponse setRating(UUID chat, Integer rating, String comment, String feedbackType,
                                                  Caller caller) {
        FeedbackStore.Rated rated = store.rate(chat, caller.userId(), rating, comment, feedbackType,
                caller.selfOrAdmin(OWN_CHATS_ONLY)).orElseThrow(() -> ChatHistory.gone(chat));
        ConversationFeedbackResponse stored = rating == null
                ? new ConversationFeedbackResponse("removed", chat, null, null, null)
                : new ConversationFeedbackResponse(rated.created() ? "created" : "updated", chat, rated.turn(), rating,
                        comment);
        LOG.info("Feedback {} on conversation {} (turn {}) by user {}", stored.status(), chat, stored.turnId(),
                caller.userId());
        return stored;
    }

    /**
     * Replaces the comment of the chat's rating (empty removes it). A chat not rated yet keeps the comment on its
     * latest turn, without a rating, so that it is not lost. Errors as {@link #rate}.
     */
    public ConversationFeedbackResponse setComment(UUID chat, String comment, Caller caller) {
        String stored = comment == null || comment.isEmpty() ? null : comment;
        ChatTurn rated = store.comment(chat, caller.userId(), stored, caller.selfOrAdmin(OWN_CHATS_ONLY))
                .orElseThrow(() -> ChatHistory.gone(chat));
        ConversationFeedbackResponse result = new ConversationFeedbackResponse("updated", chat, rated.id(),
                rated.feedback(), stored);
        LOG.info("Feedback comment {} on conversation {} (turn {}) by user {}", stored == null ? "removed" : "stored",
                chat, result.turnId(), caller.userId());
        return result;
    }
}
