package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How many items to skip before a page starts: 0 to {@link PageParam#MAX}; an offset past the end is valid (it
 * answers an empty page). 400 otherwise, with the range in the message.
 */
@Schema(type = "integer", format = "int64", minimum = "0", maximum = "" + PageParam.MAX,
        description = "items to skip")
public final class OffsetParam extends Param<Long> {

    public OffsetParam(String input, String name) {
        super(input, name, (text, n) -> WholeNumbers.within(text, n, 0, PageParam.MAX));
    }
}
