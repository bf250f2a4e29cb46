package com.intelia.expert.stats;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

/** Opaque position in the questions list: the page it starts and the (created_at, id) of the row before it. */
public record QuestionsCursor(long page, OffsetDateTime createdAt, UUID id) {

    private static final String VERSION = "q1";
    /** No list has this many pages; a cursor claiming more was not written by this service. */
    private static final long MAX_PAGE = 1_000_000_000_000L;

    String encode() {
        String raw = VERSION + "|" + page + "|" + createdAt + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a {@code next_cursor} of this list holds; IllegalArgumentException for anything else. */
    public static QuestionsCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8)
                    .split("\\|", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor format");
            }
            long page = Long.parseLong(parts[1]);
            if (page < 2 || page > MAX_PAGE) {
                throw new IllegalArgumentException("cursor page");
            }
            OffsetDateTime createdAt = OffsetDateTime.parse(parts[2]);
            if (createdAt.getYear() < 1 || createdAt.getYear() > 9999) {
                throw new IllegalArgumentException("cursor time beyond what PostgreSQL stores");
            }
            return new QuestionsCursor(page, createdAt, UUID.fromString(parts[3]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor of the questions list", e);
        }
    }
}
