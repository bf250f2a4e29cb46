package com.intelia.expert.tasks;

import jakarta.ws.rs.BadRequestException;

import java.util.Map;
import java.util.UUID;
import com.intelia.expert.core.Uuids;

/** Query parameters of admin tasks, read strictly: a malformed one is refused with its name. */
final class TaskParameters {


    private TaskParameters() {
    }

    static UUID uuid(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new BadRequestException(name + " is required: a UUID such as 843d440a-51b4-4c8f-9b2e-3f1c2d4e5a6b");
        }
        if (!Uuids.isCanonical(value)) {
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
