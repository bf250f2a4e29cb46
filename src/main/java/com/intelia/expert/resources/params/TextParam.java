package com.intelia.expert.resources.params;

/**
 * A short text parameter of {@code min} to {@code max} characters (Unicode code points, as PostgreSQL counts them),
 * trimmed. Each kind of text has its own subclass with its limits; 400 outside them.
 */
public abstract class TextParam extends Param<String> {

    protected TextParam(String input, String name, int min, int max) {
        super(input, name, (text, n) -> within(text, n, min, max));
    }

    /** For subclasses that check more than the length: the text, once its length is within [min, max]. */
    protected TextParam(String input, String name, int min, int max, Parser<String> then) {
        super(input, name, (text, n) -> then.parse(within(text, n, min, max), n));
    }

    private static String within(String text, String name, int min, int max) {
        int length = text.codePointCount(0, text.length());
        if (length < min || length > max) {
            throw InvalidInputException.parameter(name, min <= 1 ? "must be at most " + max + " characters"
                    : "must be between " + min + " and " + max + " characters");
        }
        return text;
    }
}
