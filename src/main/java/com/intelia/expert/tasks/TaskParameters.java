package com.intelia.expert.tasks;

import jakarta.ws.rs.BadRequestException;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Query parameters of admin tasks, read strictly: a malformed one is refused with its name. */
final class TaskParameters {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private TaskParameters() {
    }

    static UUID uuid(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new BadRequestException(name + " is required: a UUID such as 843d440a-51b4-4c8f-9b2e-3f1c2d4e5a6b");
        }
        if (!UUID_TEXT.matcher(value.trim()).matches()) {
            throw new BadRequestException(name + " is not a UUID: expected the form 843d440a-51b4-4c8f-9b2e-3f1c2d4e5a6b");
        }
        return UUID.fromString(value.trim());
    }

    static boolean flag(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new BadRequestException(name + " must be true or false");
    }
}
