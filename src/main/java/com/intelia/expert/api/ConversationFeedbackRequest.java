package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * PATCH /conversations/{id}/feedback, as the frontend sends it: {@code feedback} 1 (thumbs up), -1 (thumbs down) or
 * null (takes the rating back), and an optional comment of at most {@link FeedbackRequest#MAX_COMMENT} characters.
 * The feedback field must be present (a body without it is a 422, not a silent take-back).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationFeedbackRequest(
        @JsonProperty("feedback") @NotNull @ThumbOrNull @Schema(type = "integer", allowableValues = {"1", "-1"},
                nullable = true, requiredMode = Schema.RequiredMode.REQUIRED,
                description = "1 helpful, -1 not helpful, null takes the rating back") JsonNode feedback,
        @JsonProperty("feedback_comment") @Size(max = FeedbackRequest.MAX_COMMENT) String feedbackComment) {

    /** The rating, 1 or -1, or null when the body takes it back (call after validation). */
    public Integer rating() {
        return ThumbOrNull.Check.rating(feedback);
    }
}
