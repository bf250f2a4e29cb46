package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** POST /conversations/{id}/feedback: thumbs up (1) or down (-1), with an optional comment. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedbackRequest(
        @JsonProperty("rating") Integer rating,
        @JsonProperty("comment") String comment,
        @JsonProperty("feedback_type") String feedbackType) {
}
