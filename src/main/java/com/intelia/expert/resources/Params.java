package com.intelia.expert.resources;

import jakarta.ws.rs.BadRequestException;

import java.util.UUID;
import com.intelia.expert.core.Uuids;

/** Path and query parameters parsed by hand, so that a bad one is a 400 naming it instead of a bare 404. */
final class Params {


    private Params() {
    }

    static UUID uuid(String value, String name) {
        if (!Uuids.isCanonical(value)) {
            throw new BadRequestException(name + " must be a UUID such as 843d440a-51b4-4c8f-9b2e-3f1c2d4e5a6b");
        }
        return UUID.fromString(value.trim());
    }

    static Integer integer(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number");
        }
    }
}
