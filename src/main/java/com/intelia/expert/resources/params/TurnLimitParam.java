package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

/** How many turns (question and answer) one page of a chat's messages holds: 1 to {@link #MAX}. 400 otherwise. */
@Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + TurnLimitParam.MAX,
        description = "turns (a question and its answer) per page")
public final class TurnLimitParam extends LimitParam {

    public static final int MAX = 500;

    public TurnLimitParam(String input, String name) {
        super(input, name, MAX);
    }
}
