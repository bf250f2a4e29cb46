package com.intelia.expert.core;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Row ids of a chat's turns. The first turn's row id is the chat's id (the conversation id the frontend chose), so
 * that a chat saved before turns were kept, one row, is a one-turn chat with the same id. A later turn's row id is a
 * name-based UUID (version 3) of the chat's id and the turn's texts: the same turn saved again gets the same id.
 */
final class TurnIds {

    private TurnIds() {
    }

    /** The id of a later turn of {@code chat}; texts hold no U+0000 (refused at the edge), the separator here. */
    static UUID later(UUID chat, String question, String response) {
        String name = "intelia-expert/turn\u0000" + chat + "\u0000" + question + "\u0000"
                + (response == null ? "" : response);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
