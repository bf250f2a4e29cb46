package com.intelia.expert.resources;

import com.codahale.metrics.annotation.Timed;
import com.intelia.expert.api.ConversationCommentRequest;
import com.intelia.expert.api.ConversationFeedbackRequest;
import com.intelia.expert.api.ConversationFeedbackResponse;
import com.intelia.expert.api.ConversationMessages;
import com.intelia.expert.api.ConversationPage;
import com.intelia.expert.api.ConversationSearchResult;
import com.intelia.expert.api.ConversationsDeleted;
import com.intelia.expert.api.FeedbackRequest;
import com.intelia.expert.api.FeedbackResponse;
import com.intelia.expert.api.FeedbackWithCommentRequest;
import com.intelia.expert.api.SaveConversationRequest;
import com.intelia.expert.api.SaveConversationResponse;
import com.intelia.expert.auth.ExpertPrincipal;
import com.intelia.expert.core.ChatHistory;
import com.intelia.expert.core.ConversationService;
import com.intelia.expert.core.Cursor;
import com.intelia.expert.core.FeedbackService;
import com.intelia.expert.resources.params.ConversationLimitParam;
import com.intelia.expert.resources.params.ConversationSearchParam;
import com.intelia.expert.resources.params.CursorParam;
import com.intelia.expert.resources.params.InvalidInputException;
import com.intelia.expert.resources.params.OffsetParam;
import com.intelia.expert.resources.params.RequestBodies;
import com.intelia.expert.resources.params.TurnLimitParam;
import com.intelia.expert.resources.params.UuidParam;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/**
 * The chat page's calls (the contract's "Conversations"): save a turn, the history list, search, one chat's
 * messages, deletes, and the chat's rating and comment. Every call is the owner's, or an admin's; search reads the
 * caller's own chats. Parameters and bodies are checked as they are read (resources.params): a mistake is a 400,
 * 413 or 422 naming the field. Statuses: 200 on success; 403 another user's chat; 404 a chat that does not exist
 * or is deleted (the frontend reads it as "already gone"); 409 an admin saving into another user's chat.
 */
@Timed
@Path("/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private final ConversationService conversations;
    private final ChatHistory history;
    private final FeedbackService feedback;

    public ConversationResource(ConversationService conversations, ChatHistory history, FeedbackService feedback) {
        this.conversations = conversations;
        this.history = history;
        this.feedback = feedback;
    }

    /** One turn of the chat conversation_id; a retry of the same turn changes nothing. */
    @POST
    @Path("save")
    public SaveConversationResponse save(@Auth ExpertPrincipal principal, SaveConversationRequest request) {
        SaveConversationRequest turn = RequestBodies.required(request);
        if (turn.hasNoText()) {
            throw InvalidInputException.field("question", "is required when response is empty: a turn keeps a question,"
                    + " an answer or both (a message of images only sends an empty question and its answer)");
        }
        if (turn.sessionIdNamesAnotherChat()) {
            throw InvalidInputException.field("session_id", "must be the conversation_id when given: the chat's id");
        }
        return conversations.save(turn, principal.caller());
    }

    /**
     * A page of the user's chats, the most recently updated first: limit 1..999 (default 20), then offset (chats to
     * skip) or cursor (the previous page's next_cursor), not both.
     */
    @GET
    @Path("user/{user_id}")
    public ConversationPage list(@Auth ExpertPrincipal principal, @PathParam("user_id") UuidParam userId,
                                 @QueryParam("limit") @DefaultValue("20") ConversationLimitParam limit,
                                 @QueryParam("offset") OffsetParam offset,
                                 @QueryParam("cursor") CursorParam cursor) {
        if (offset != null && offset.isPresent() && offset.get() > 0 && cursor != null && cursor.isPresent()) {
            throw InvalidInputException.parameter("offset", "cannot be combined with cursor: pass one of them");
        }
        return history.list(id(userId, "user_id"), limit.get(), offset == null ? 0 : offset.orElse(0L),
                cursor == null ? null : cursor.decode(Cursor::decode), principal.caller());
    }

    /** The user's chats marked deleted; {@code {message, deleted_count}} counts chats. */
    @DELETE
    @Path("user/{user_id}")
    public ConversationsDeleted deleteAll(@Auth ExpertPrincipal principal, @PathParam("user_id") UuidParam userId) {
        return conversations.deleteAll(id(userId, "user_id"), principal.caller());
    }

    /** The caller's chats holding q (1..200 characters) in a question or an answer; limit 1..999 (default 100). */
    @GET
    @Path("search")
    public ConversationSearchResult search(@Auth ExpertPrincipal principal,
                                           @QueryParam("q") ConversationSearchParam q,
                                           @QueryParam("limit") @DefaultValue("100") ConversationLimitParam limit) {
        if (q == null) {
            throw InvalidInputException.parameter("q", "is required: the text to find");
        }
        return history.search(q.required("the text to find"), limit.get(), principal.caller());
    }

    /**
     * The chat's messages, oldest first: from turn offset (default 0), at most limit turns (1..500, default 500) and
     * ChatHistory.MESSAGES_PAGE_BYTES of text; has_more and next_offset lead to the rest.
     */
    @GET
    @Path("{conversation_id}/messages")
    public ConversationMessages messages(@Auth ExpertPrincipal principal,
                                         @PathParam("conversation_id") UuidParam conversationId,
                                         @QueryParam("offset") OffsetParam offset,
                                         @QueryParam("limit") @DefaultValue("500") TurnLimitParam limit) {
        return history.messages(id(conversationId, "conversation_id"), offset == null ? 0 : offset.orElse(0L),
                limit.get(), principal.caller());
    }

    /** Every turn of the chat marked deleted; 404 when it is already gone. */
    @DELETE
    @Path("{conversation_id}")
    public ConversationsDeleted delete(@Auth ExpertPrincipal principal,
                                       @PathParam("conversation_id") UuidParam conversationId) {
        return conversations.delete(id(conversationId, "conversation_id"), principal.caller());
    }

    /** {@code {feedback: 1|-1|null, feedback_comment?}}: the chat's rating, null takes it back. */
    @PATCH
    @Path("{conversation_id}/feedback")
    public ConversationFeedbackResponse feedback(@Auth ExpertPrincipal principal,
                                                 @PathParam("conversation_id") UuidParam conversationId,
                                                 ConversationFeedbackRequest request) {
        ConversationFeedbackRequest body = RequestBodies.required(request);
        return feedback.setRating(id(conversationId, "conversation_id"), body.rating(), body.feedbackComment(),
                null, principal.caller());
    }

    /** {@code {rating: 1|-1, comment?, feedback_type?}}: the earlier form of the rating call, kept as an alias. */
    @POST
    @Path("{conversation_id}/feedback")
    public FeedbackResponse rate(@Auth ExpertPrincipal principal,
                                 @PathParam("conversation_id") UuidParam conversationId, FeedbackRequest request) {
        return feedback.rate(id(conversationId, "conversation_id"), RequestBodies.required(request),
                principal.caller());
    }

    /** {@code {comment, timestamp}}: the comment of the chat's rating. */
    @PATCH
    @Path("{conversation_id}/comment")
    public ConversationFeedbackResponse comment(@Auth ExpertPrincipal principal,
                                                @PathParam("conversation_id") UuidParam conversationId,
                                                ConversationCommentRequest request) {
        return feedback.setComment(id(conversationId, "conversation_id"),
                RequestBodies.required(request).comment(), principal.caller());
    }

    /** {@code {feedback: 1|-1, comment, timestamp}}: rating and comment at once. */
    @PATCH
    @Path("{conversation_id}/feedback-with-comment")
    public ConversationFeedbackResponse feedbackWithComment(@Auth ExpertPrincipal principal,
                                                            @PathParam("conversation_id") UuidParam conversationId,
                                                            FeedbackWithCommentRequest request) {
        FeedbackWithCommentRequest body = RequestBodies.required(request);
        return feedback.setRating(id(conversationId, "conversation_id"), body.feedback(), body.comment(), null,
                principal.caller());
    }

    /** A path parameter's UUID; a blank one (a space) reaches here as absent: 400 naming it. */
    private static UUID id(UuidParam param, String name) {
        if (param == null || !param.isPresent()) {
            throw InvalidInputException.parameter(name, UuidParam.RULE);
        }
        return param.get();
    }
}
