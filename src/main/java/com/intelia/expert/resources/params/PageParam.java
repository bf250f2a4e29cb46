package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A page number, 1 for the first page, at most {@link #MAX}; a page past the last one is valid (it answers an
 * empty page). 400 otherwise, with the range in the message.
 */
@Schema(type = "integer", format = "int64", minimum = "1", maximum = "" + PageParam.MAX,
        description = "page number, 1 for the first")
public final class PageParam extends Param<Long> {

    /** Far beyond any real list (5 million rows at limit 1 are 5 million pages), small enough for offset arithmetic. */
    public static final long MAX = 100_000_000;

    public PageParam(String input, String name) {
        super(input, name, (text, n) -> WholeNumbers.within(text, n, 1, MAX));
    }
}
