package com.intelia.expert.resources.params;

import com.intelia.expert.stats.QuestionsQuery;

/** Which rated questions to keep: positive, negative, or none (not rated). 400 otherwise. */
public final class FeedbackParam extends ChoiceParam<QuestionsQuery.Feedback> {

    public FeedbackParam(String input, String name) {
        super(input, name, QuestionsQuery.Feedback.class);
    }
}
