package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

/** Text to find in questions and answers: 3 to 200 characters, matched literally and case-insensitively. */
@Schema(type = "string", minLength = SearchParam.MIN, maxLength = SearchParam.MAX,
        description = "text to find in questions and answers, literally and case-insensitively")
public final class SearchParam extends TextParam {

    public static final int MIN = 3;
    public static final int MAX = 200;

    public SearchParam(String input, String name) {
        super(input, name, MIN, MAX);
    }
}
