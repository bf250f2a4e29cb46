package com.intelia.expert.core;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

/** An opaque position in a list ordered by (created_at, id) descending: where the next page starts. */
public record Cursor(OffsetDateTime createdAt, UUID id) {

    public String encode() {
        String raw = createdAt + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a {@code next_cursor} of a conversation list holds; IllegalArgumentException for anything else. */
    public static Cursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            OffsetDateTime createdAt = OffsetDateTime.parse(raw.substring(0, bar));
            if (createdAt.getYear() < 1 || createdAt.getYear() > 9999) {
                throw new IllegalArgumentException("cursor time beyond what PostgreSQL stores");
            }
            return new Cursor(createdAt, UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor of a conversation list", e);
        }
    }
}
