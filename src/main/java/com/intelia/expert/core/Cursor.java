package com.intelia.expert.core;

import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * An opaque position in a user's history list, ordered by (updated_at, chat id) descending: where the next page
 * starts. The chat id is the chat's session_id as text.
 */
public record Cursor(OffsetDateTime updatedAt, String chat) {

    /** What a chat id may hold: a UUID, or the short plain ids of rows written outside the API. */
    private static final Pattern CHAT = Pattern.compile("[0-9A-Za-z._:-]{1,255}");

    public String encode() {
        return CursorText.encode(updatedAt, chat);
    }

    /** The position a {@code next_cursor} of a history list holds; IllegalArgumentException for anything else. */
    public static Cursor decode(String cursor) {
        try {
            String[] fields = CursorText.decode(cursor, 2);
            if (!CHAT.matcher(fields[1]).matches()) {
                throw new IllegalArgumentException("cursor chat id of characters no chat id holds");
            }
            return new Cursor(CursorText.time(fields[0]), fields[1]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor of a conversation list", e);
        }
    }
}
