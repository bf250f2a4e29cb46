package com.intelia.expert.resources;

import jakarta.ws.rs.BadRequestException;

import java.util.UUID;
import java.util.regex.Pattern;

/** Path and query parameters parsed by hand, so that a bad one is a 400 naming it instead of a bare 404. */
final class Params {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Params() {
    }

    static UUID uuid(String value, String name) {
        if (value == null || !UUID_TEXT.matcher(value.trim()).matches()) {
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
