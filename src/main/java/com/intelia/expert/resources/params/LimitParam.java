package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How many items a page holds: 1 to {@link #MAX} (100), or 1 to another maximum for an endpoint that declares its
 * own subclass. 400 otherwise, with the range in the message.
 */
@Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + LimitParam.MAX,
        description = "items per page")
public class LimitParam extends Param<Integer> {

    public static final int MAX = 100;

    public LimitParam(String input, String name) {
        this(input, name, MAX);
    }

    /** For a subclass with a public (input, name) constructor that fixes another maximum. */
    protected LimitParam(String input, String name, int max) {
        super(input, name, (text, n) -> (int) WholeNumbers.within(text, n, 1, max));
    }
}
