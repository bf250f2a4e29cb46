package com.intelia.expert.stats;

import com.intelia.expert.core.CursorText;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Opaque position in the questions list: the page it starts and the (created_at, id) of the row before it. */
public record QuestionsCursor(long page, OffsetDateTime createdAt, UUID id) {

    private static final String VERSION = "q1";
    /** No list has this many pages; a cursor claiming more was not written by this service. */
    private static final long MAX_PAGE = 1_000_000_000_000L;

    String encode() {
        return CursorText.encode(VERSION, page, createdAt, id);
    }

    /** The position a {@code next_cursor} of this list holds; IllegalArgumentException for anything else. */
    public static QuestionsCursor decode(String cursor) {
        try {
            String[] fields = CursorText.decode(cursor, 4);
            if (!VERSION.equals(fields[0])) {
                throw new IllegalArgumentException("unknown cursor format");
            }
            long page = Long.parseLong(fields[1]);
            if (page < 2 || page > MAX_PAGE) {
                throw new IllegalArgumentException("cursor page");
            }
            return new QuestionsCursor(page, CursorText.time(fields[2]), UUID.fromString(fields[3]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor of the questions list", e);
        }
    }
}
