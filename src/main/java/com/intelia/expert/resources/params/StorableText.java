package com.intelia.expert.resources.params;

/**
 * Characters that JSON and URLs can carry but PostgreSQL cannot store in text or jsonb: U+0000 ("invalid byte
 * sequence for encoding UTF8: 0x00") and UTF-16 surrogates without their pair (not Unicode at all). Every string
 * that reaches the service, as a parameter or anywhere in a body, is checked here before any SQL.
 */
public final class StorableText {

    private StorableText() {
    }

    /**
     * Null when the text can be stored, else the rule it breaks, worded to follow a field name
     * ("contains U+0000, which PostgreSQL cannot store"); the message never quotes the text.
     */
    public static String problem(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains U+0000, which PostgreSQL cannot store";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                        + "), which is not valid Unicode text";
            }
        }
        return null;
    }
}
