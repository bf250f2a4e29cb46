package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

/** A yes/no switch: {@code true} or {@code false} (any case). 400 otherwise; absent means false to callers. */
@Schema(type = "boolean")
public final class FlagParam extends Param<Boolean> {

    public FlagParam(String input, String name) {
        super(input, name, (text, n) -> {
            if (text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase("false")) {
                return false;
            }
            throw InvalidInputException.parameter(n, "must be true or false");
        });
    }
}
