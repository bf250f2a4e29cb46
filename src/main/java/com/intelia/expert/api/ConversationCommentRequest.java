package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/**
 * PATCH /conversations/{id}/comment, as the frontend sends it: the comment of the chat's rating (at most
 * {@link FeedbackRequest#MAX_COMMENT} characters; empty removes it) and the client's time of writing it (checked
 * as every body timestamp, not stored: the row's updated_at records the change).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationCommentRequest(
        @JsonProperty("comment") @NotNull @Size(max = FeedbackRequest.MAX_COMMENT) String comment,
        @JsonProperty("timestamp") OffsetDateTime timestamp) {
}
