package com.intelia.expert.resources;

import com.intelia.expert.api.ConversationPage;
import com.intelia.expert.api.FeedbackRequest;
import com.intelia.expert.api.FeedbackResponse;
import com.intelia.expert.api.SaveConversationRequest;
import com.intelia.expert.api.SaveConversationResponse;
import com.intelia.expert.auth.ExpertPrincipal;
import com.intelia.expert.core.ConversationService;
import com.intelia.expert.core.FeedbackService;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.UUID;

/** Conversations of the signed-in user: save, list, delete, rate. */
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
        return conversations.save(request, principal.caller());
    }

    @GET
    @Path("user/{user_id}")
    public ConversationPage list(@Auth ExpertPrincipal principal, @PathParam("user_id") String userId,
                                 @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return conversations.list(Params.uuid(userId, "user_id"), Params.integer(limit, "limit"), cursor,
                principal.caller());
    }

    @DELETE
    @Path("user/{user_id}")
    public Map<String, Object> delete(@Auth ExpertPrincipal principal, @PathParam("user_id") String userId) {
        UUID user = Params.uuid(userId, "user_id");
        int deleted = conversations.deleteAll(user, principal.caller());
        return Map.of("status", "deleted", "user_id", user, "deleted_count", deleted);
    }

    @POST
    @Path("{conversation_id}/feedback")
    public FeedbackResponse rate(@Auth ExpertPrincipal principal, @PathParam("conversation_id") String conversationId,
                                 FeedbackRequest request) {
        return feedback.rate(Params.uuid(conversationId, "conversation_id"), request, principal.caller());
    }
}
