package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An opaque position returned by an earlier page as {@code next_cursor}: URL-safe base64 of at most
 * {@link #MAX_LENGTH} characters, decoded by the list it belongs to. 400 when it is not one.
 */
@Schema(type = "string", maxLength = CursorParam.MAX_LENGTH, pattern = "^[A-Za-z0-9_-]+={0,2}$",
        description = "the next_cursor of the previous page, unchanged")
public final class CursorParam extends Param<String> {

    public static final int MAX_LENGTH = 512;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+={0,2}");
    private static final String RULE = "is not valid: pass the next_cursor of the previous page unchanged";

    public CursorParam(String input, String name) {
        super(input, name, (text, n) -> {
            if (text.length() > MAX_LENGTH || !BASE64URL.matcher(text).matches()) {
                throw InvalidInputException.parameter(n, RULE);
            }
            return text;
        });
    }

    /**
     * The position the cursor holds, read by its list's codec (which throws a RuntimeException for a cursor it did
     * not write); null when absent; 400 when the codec refuses it.
     */
    public <C> C decode(Function<String, C> codec) {
        if (!isPresent()) {
            return null;
        }
        try {
            return codec.apply(get());
        } catch (RuntimeException e) {
            throw InvalidInputException.parameter(name(), RULE);
        }
    }
}
