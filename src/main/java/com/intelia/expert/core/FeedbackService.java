package com.intelia.expert.core;

import com.intelia.expert.api.ConversationFeedbackResponse;
import com.intelia.expert.api.FeedbackRequest;
import com.intelia.expert.api.FeedbackResponse;
import com.intelia.expert.db.ChatKey;
import com.intelia.expert.db.ChatTurn;
import com.intelia.expert.db.ConversationDao;
import com.intelia.expert.db.FeedbackDao;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * Ratings of chats, as the frontend sends them: per conversation. A chat carries one rating, on the turn that was
 * its latest when it was rated (the answer the user just read): rating again moves it there, taking it back removes
 * it. The turn's feedback columns (which the statistics count, through the rollup triggers) and the rater's row in
 * the feedback table change in one transaction, so a 2xx means stored and counted.
 */
public class FeedbackService {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackService.class);
    private final Jdbi jdbi;

    public FeedbackService(Jdbi jdbi) {
        this.jdbi = jdbi;
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
        ConversationFeedbackResponse stored = DeadlockRetry.run(() -> jdbi.inTransaction(handle -> {
            List<ChatTurn> turns = lockOwnChat(handle, chat, caller);
            UUID[] ids = turns.stream().map(ChatTurn::id).toArray(UUID[]::new);
            FeedbackDao feedback = handle.attach(FeedbackDao.class);
            ConversationDao conversations = handle.attach(ConversationDao.class);
            if (rating == null) {
                conversations.placeRating(ids, null, null, null);
                feedback.removeOthers(caller.userId(), ids, null);
                return new ConversationFeedbackResponse("removed", chat, null, null, null);
            }
            UUID target = turns.get(turns.size() - 1).id();
            conversations.placeRating(ids, target, rating, comment);
            feedback.removeOthers(caller.userId(), ids, target);
            boolean created = feedback.upsert(target, caller.userId(), rating, comment, feedbackType);
            return new ConversationFeedbackResponse(created ? "created" : "updated", chat, target, rating, comment);
        }));
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
        ConversationFeedbackResponse result = DeadlockRetry.run(() -> jdbi.inTransaction(handle -> {
            List<ChatTurn> turns = lockOwnChat(handle, chat, caller);
            ChatTurn rated = turns.stream().filter(t -> t.feedback() != null).reduce((a, b) -> b)
                    .orElse(turns.get(turns.size() - 1));
            handle.attach(ConversationDao.class).setComment(rated.id(), stored);
            handle.attach(FeedbackDao.class).setComment(rated.id(), caller.userId(), stored);
            return new ConversationFeedbackResponse("updated", chat, rated.id(), rated.feedback(), stored);
        }));
        LOG.info("Feedback comment {} on conversation {} (turn {}) by user {}", stored == null ? "removed" : "stored",
                chat, result.turnId(), caller.userId());
        return result;
    }

    /**
     * The chat owner's active turns, oldest first, locked; 404 when there are none, 403 when the chat is not the
     * caller's.
     */
    private static List<ChatTurn> lockOwnChat(Handle handle, UUID chat, Caller caller) {
        ConversationDao dao = handle.attach(ConversationDao.class);
        UUID owner = dao.ownerOf(ChatKey.of(chat)).orElseThrow(() -> ChatHistory.gone(chat));
        List<ChatTurn> turns = dao.lockActiveTurns(ChatKey.of(chat), owner);
        if (turns.isEmpty()) {
            throw ChatHistory.gone(chat);
        }
        caller.requireSelfOrAdmin(owner, "you may only rate your own conversations");
        return turns;
    }
}
