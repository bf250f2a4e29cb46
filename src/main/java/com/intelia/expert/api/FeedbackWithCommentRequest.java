package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/**
 * PATCH /conversations/{id}/feedback-with-comment, as the frontend sends it: a rating (1 or -1, required), its
 * comment (optional, at most {@link FeedbackRequest#MAX_COMMENT} characters) and the client's time (checked, not
 * stored).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedbackWithCommentRequest(
        @JsonProperty("feedback") @NotNull @OneOf(value = {1, -1}, message = "must be 1 (helpful) or -1 (not helpful)")
        @Schema(allowableValues = {"1", "-1"}, description = "1 helpful, -1 not helpful") Integer feedback,
        @JsonProperty("comment") @Size(max = FeedbackRequest.MAX_COMMENT) String comment,
        @JsonProperty("timestamp") OffsetDateTime timestamp) {
}
