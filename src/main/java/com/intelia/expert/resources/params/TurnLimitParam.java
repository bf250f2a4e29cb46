package com.intelia.expert.resources.params;

/** How many turns (question and answer) one page of a chat's messages holds: 1 to {@link #MAX}. 400 otherwise. */
public final class TurnLimitParam extends LimitParam {

    public static final int MAX = 500;

    public TurnLimitParam(String input, String name) {
        super(input, name, MAX);
    }
}
