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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;

/**
 * The chat page's calls (the contract's "Conversations"): save a turn, the history list, search, one chat's
 * messages, deletes, and the chat's rating and comment. Every call is the owner's, or an admin's; search reads the
 * caller's own chats. Parameters and bodies are checked as they are read (resources.params): a mistake is a 400,
 * 413 or 422 naming the field. Statuses: 200 on success; 403 another user's chat; 404 a chat that does not exist
 * or is deleted (the frontend reads it as "already gone"); 409 an admin saving into another user's chat.
 */
@Timed
@Tag(name = "Conversations", description = "The chat page: each chat's turns, the history, search, deletes and the"
        + " chat's rating. A user's own chats, or any user's for an administrator.")
@Path("/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversationResource {

    /** The 403 of a call on another user's chats. */
    private static final String ANOTHER_USERS = "another user's chats, and the caller is not an administrator";

    /** The errors of a call on one chat, in the API description. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "403", description = "another user's chat, and the caller is not an administrator")
    @ApiResponse(responseCode = "404", description = "no such chat, or it is deleted (the frontend reads it as"
            + " \"already gone\")")
    @interface OneChat {
    }

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
    @Operation(summary = "Save one turn (a question and its answer) of a chat",
            description = "conversation_id is the chat's id, reused for every follow-up question. A retry of the"
                    + " same turn changes nothing. question may be empty when response is not (a message of images"
                    + " only).")
    @ApiResponse(responseCode = "200", description = "saved, or already saved")
    @ApiResponse(responseCode = "403", description = "conversation_id is another user's chat")
    @ApiResponse(responseCode = "409", description = "an administrator saving into another user's chat, which would"
            + " mix two users' turns")
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
    @Operation(summary = "A page of a user's chats, the most recently updated first",
            description = "offset (chats to skip) or cursor (the previous page's next_cursor), not both.")
    @ApiResponse(responseCode = "403", description = ANOTHER_USERS)
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
    @Operation(summary = "Delete every chat of a user")
    @ApiResponse(responseCode = "403", description = ANOTHER_USERS)
    public ConversationsDeleted deleteAll(@Auth ExpertPrincipal principal, @PathParam("user_id") UuidParam userId) {
        return conversations.deleteAll(id(userId, "user_id"), principal.caller());
    }

    /** The caller's chats holding q (1..200 characters) in a question or an answer; limit 1..999 (default 100). */
    @GET
    @Path("search")
    @Operation(summary = "The caller's chats holding a text in a question or an answer")
    public ConversationSearchResult search(@Auth ExpertPrincipal principal,
                                           @QueryParam("q") @Parameter(required = true) ConversationSearchParam q,
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
    @Operation(summary = "A chat's messages, oldest first",
            description = "From turn offset, at most limit turns and about 4 MiB of text; has_more and"
                    + " next_offset lead to the rest.")
    @OneChat
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
    @Operation(summary = "Delete a chat (every turn of it)")
    @OneChat
    public ConversationsDeleted delete(@Auth ExpertPrincipal principal,
                                       @PathParam("conversation_id") UuidParam conversationId) {
        return conversations.delete(id(conversationId, "conversation_id"), principal.caller());
    }

    /** {@code {feedback: 1|-1|null, feedback_comment?}}: the chat's rating, null takes it back. */
    @PATCH
    @Path("{conversation_id}/feedback")
    @Operation(summary = "Rate a chat (1 helpful, -1 not helpful), or take the rating back (null)")
    @OneChat
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
    @Operation(summary = "Rate a chat: the earlier form of PATCH .../feedback, kept as an alias")
    @OneChat
    public FeedbackResponse rate(@Auth ExpertPrincipal principal,
                                 @PathParam("conversation_id") UuidParam conversationId, FeedbackRequest request) {
        return feedback.rate(id(conversationId, "conversation_id"), RequestBodies.required(request),
                principal.caller());
    }

    /** {@code {comment, timestamp}}: the comment of the chat's rating. */
    @PATCH
    @Path("{conversation_id}/comment")
    @Operation(summary = "Comment on a chat's rating")
    @OneChat
    public ConversationFeedbackResponse comment(@Auth ExpertPrincipal principal,
                                                @PathParam("conversation_id") UuidParam conversationId,
                                                ConversationCommentRequest request) {
        return feedback.setComment(id(conversationId, "conversation_id"),
                RequestBodies.required(request).comment(), principal.caller());
    }

    /** {@code {feedback: 1|-1, comment, timestamp}}: rating and comment at once. */
    @PATCH
    @Path("{conversation_id}/feedback-with-comment")
    @Operation(summary = "Rate a chat and comment on it at once")
    @OneChat
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
