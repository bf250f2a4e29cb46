package com.intelia.expert.resources;

import com.intelia.expert.api.ConversationPage;
import com.intelia.expert.api.FeedbackRequest;
import com.intelia.expert.api.FeedbackResponse;
import com.intelia.expert.api.SaveConversationRequest;
import com.intelia.expert.api.SaveConversationResponse;
import com.intelia.expert.auth.ExpertPrincipal;
import com.intelia.expert.core.ConversationService;
import com.intelia.expert.core.Cursor;
import com.intelia.expert.core.FeedbackService;
import com.intelia.expert.resources.params.CursorParam;
import com.intelia.expert.resources.params.LimitParam;
import com.intelia.expert.resources.params.RequestBodies;
import com.intelia.expert.resources.params.UuidParam;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.UUID;

/**
 * Conversations of the signed-in user: save, list, delete, rate. Parameters and bodies are checked as they are
 * read (resources.params); a mistake is a 400, 413 or 422 naming the field.
 */
@Path("/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private final ConversationService conversations;
    private final FeedbackService feedback;

    public ConversationResource(ConversationService conversations, FeedbackService feedback) {
        this.conversations = conversations;
        this.feedback = feedback;
    }

    @POST
    @Path("save")
    public SaveConversationResponse save(@Auth ExpertPrincipal principal, SaveConversationRequest request) {
        return conversations.save(RequestBodies.required(request), principal.caller());
    }

    /** A page of the user's conversations, newest first: limit 1..100 (default 20), cursor from next_cursor. */
    @GET
    @Path("user/{user_id}")
    public ConversationPage list(@Auth ExpertPrincipal principal, @PathParam("user_id") UuidParam userId,
                                 @QueryParam("limit") @DefaultValue("20") LimitParam limit,
                                 @QueryParam("cursor") CursorParam cursor) {
        return conversations.list(userId.get(), limit.get(), cursor == null ? null : cursor.decode(Cursor::decode),
                principal.caller());
    }

    @DELETE
    @Path("user/{user_id}")
    public Map<String, Object> delete(@Auth ExpertPrincipal principal, @PathParam("user_id") UuidParam userId) {
        UUID user = userId.get();
        int deleted = conversations.deleteAll(user, principal.caller());
        return Map.of("status", "deleted", "user_id", user, "deleted_count", deleted);
    }

    @POST
    @Path("{conversation_id}/feedback")
    public FeedbackResponse rate(@Auth ExpertPrincipal principal,
                                 @PathParam("conversation_id") UuidParam conversationId, FeedbackRequest request) {
        return feedback.rate(conversationId.get(), RequestBodies.required(request), principal.caller());
    }
}
