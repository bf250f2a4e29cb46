package com.intelia.expert.resources.params;

import com.intelia.expert.stats.QuestionsQuery;
import io.swagger.v3.oas.annotations.media.Schema;

/** Which rated questions to keep: positive, negative, or none (not rated). 400 otherwise. */
@Schema(type = "string", allowableValues = {"positive", "negative", "none"},
        description = "rated questions to keep: positive, negative, or none (not rated)")
public final class FeedbackParam extends ChoiceParam<QuestionsQuery.Feedback> {

    public FeedbackParam(String input, String name) {
        super(input, name, QuestionsQuery.Feedback.class);
    }
}
