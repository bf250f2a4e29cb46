package com.intelia.expert.core;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * The text form of the lists' cursors (core/Cursor, stats/QuestionsCursor): fields joined by '|', then URL-safe
 * Base64 without padding, so that a cursor is opaque to clients and safe in a query string. Fields must not hold '|'.
 */
public final class CursorText {

    private CursorText() {
    }

    public static String encode(Object... fields) {
        String raw = Arrays.stream(fields).map(String::valueOf).collect(Collectors.joining("|"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code count} fields of {@code cursor}; IllegalArgumentException when it is not Base64 or has another count. */
    public static String[] decode(String cursor, int count) {
        String[] fields = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8)
                .split("\\|", -1);
        if (fields.length != count) {
            throw new IllegalArgumentException("a cursor of " + fields.length + " fields, not " + count);
        }
        return fields;
    }

    /** A time field, refused (IllegalArgumentException) beyond the years PostgreSQL stores (1 to 9999). */
    public static OffsetDateTime time(String field) {
        OffsetDateTime time = OffsetDateTime.parse(field);
        if (time.getYear() < 1 || time.getYear() > 9999) {
            throw new IllegalArgumentException("cursor time beyond what PostgreSQL stores");
        }
        return time;
    }
}
