package com.intelia.expert.core;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * An opaque position in a user's history list, ordered by (updated_at, chat id) descending: where the next page
 * starts. The chat id is the chat's session_id as text.
 */
public record Cursor(OffsetDateTime updatedAt, String chat) {

    /** What a chat id may hold: a UUID, or the short plain ids of rows written outside the API. */
    private static final Pattern CHAT = Pattern.compile("[0-9A-Za-z._:-]{1,255}");

    public String encode() {
        String raw = updatedAt + "|" + chat;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a {@code next_cursor} of a history list holds; IllegalArgumentException for anything else. */
    public static Cursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            OffsetDateTime updatedAt = OffsetDateTime.parse(raw.substring(0, bar));
            if (updatedAt.getYear() < 1 || updatedAt.getYear() > 9999) {
                throw new IllegalArgumentException("cursor time beyond what PostgreSQL stores");
            }
            String chat = raw.substring(bar + 1);
            if (!CHAT.matcher(chat).matches()) {
                throw new IllegalArgumentException("cursor chat id of characters no chat id holds");
            }
            return new Cursor(updatedAt, chat);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor of a conversation list", e);
        }
    }
}
