package com.intelia.expert.resources.params;

import com.intelia.expert.core.Uuids;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

/**
 * A UUID in its canonical form only (8-4-4-4-12 hex digits): {@code UUID.fromString} would also take short forms
 * such as {@code 1-1-1-1-1}, which name a different id than the client meant. 400 otherwise.
 */
@Schema(type = "string", format = "uuid", example = "843d440a-51b4-4c8f-9b2e-3f1c2d4e5a6b",
        description = "a UUID in its canonical form")
public final class UuidParam extends Param<UUID> {

    public static final String EXAMPLE = "such as 843d440a-51b4-4c8f-9b2e-3f1c2d4e5a6b";
    public static final String RULE = "must be a UUID " + EXAMPLE;

    public UuidParam(String input, String name) {
        super(input, name, (text, n) -> {
            if (!Uuids.isCanonical(text)) {
                throw InvalidInputException.parameter(n, RULE);
            }
            return UUID.fromString(text);
        });
    }
}
