package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Text to find in the caller's own questions and answers: 1 to {@link #MAX} characters, matched literally and
 * case-insensitively. Shorter than {@link SearchParam#MIN} characters is allowed here, unlike the admin questions
 * search: it reads only the caller's own turns. 400 otherwise.
 */
@Schema(type = "string", minLength = 1, maxLength = ConversationSearchParam.MAX,
        description = "text to find, literally and case-insensitively")
public final class ConversationSearchParam extends TextParam {

    public static final int MAX = SearchParam.MAX;

    public ConversationSearchParam(String input, String name) {
        super(input, name, 1, MAX);
    }
}
