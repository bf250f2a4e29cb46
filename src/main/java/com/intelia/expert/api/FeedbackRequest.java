package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** POST /conversations/{id}/feedback: thumbs up (1) or down (-1), with an optional comment. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedbackRequest(
        @JsonProperty("rating") @NotNull @OneOf(value = {1, -1}, message = "must be 1 (helpful) or -1 (not helpful)")
        @Schema(allowableValues = {"1", "-1"}, description = "1 helpful, -1 not helpful") Integer rating,
        @JsonProperty("comment") @Size(max = FeedbackRequest.MAX_COMMENT) String comment,
        @JsonProperty("feedback_type") @Size(max = 50) String feedbackType) {

    /** The longest comment, in characters. */
    public static final int MAX_COMMENT = 5000;
}
