package com.intelia.expert.core;

import java.util.regex.Pattern;

/** The canonical text form of a UUID; java.util.UUID.fromString also accepts short forms such as 1-1-1-1-1. */
public final class Uuids {

    private static final Pattern CANONICAL =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Uuids() {
    }

    public static boolean isCanonical(String text) {
        return text != null && CANONICAL.matcher(text.trim()).matches();
    }
}
