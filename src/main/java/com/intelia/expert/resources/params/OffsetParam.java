package com.intelia.expert.resources.params;

/**
 * How many items to skip before a page starts: 0 to {@link PageParam#MAX}; an offset past the end is valid (it
 * answers an empty page). 400 otherwise, with the range in the message.
 */
public final class OffsetParam extends Param<Long> {

    public OffsetParam(String input, String name) {
        super(input, name, (text, n) -> WholeNumbers.within(text, n, 0, PageParam.MAX));
    }
}
