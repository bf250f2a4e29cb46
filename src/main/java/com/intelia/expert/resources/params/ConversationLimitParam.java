package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How many chats one page of the history list (or of a search) holds: 1 to {@link #MAX}, as the frontend asks
 * {@code limit=999}. Items carry titles and previews only, so a full page stays well under a megabyte. 400
 * otherwise, with the range in the message.
 */
@Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + ConversationLimitParam.MAX,
        description = "chats per page")
public final class ConversationLimitParam extends LimitParam {

    public static final int MAX = 999;

    public ConversationLimitParam(String input, String name) {
        super(input, name, MAX);
    }
}
