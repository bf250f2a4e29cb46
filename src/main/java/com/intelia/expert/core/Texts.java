package com.intelia.expert.core;

import java.util.regex.Pattern;

/** Short forms of a chat's texts for lists: title and preview from a question, last_message_preview from an answer. */
final class Texts {

    /** Longest derived title, in characters (UTF-16 units, as Java counts them). */
    static final int TITLE_LENGTH = 100;
    /** Longest preview, in characters. */
    static final int PREVIEW_LENGTH = 200;
    /** How much of a text the database hands over for a preview, in characters: enough to cut at a word. */
    static final int PREVIEW_SOURCE_LENGTH = 2 * PREVIEW_LENGTH;

    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

    private Texts() {
    }

    /**
     * The first characters, whitespace runs made one space, cut at a word boundary where one is near, with an
     * ellipsis when cut; never splits a surrogate pair. Null stays null.
     */
    static String shorten(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String flat = WHITESPACE_RUN.matcher(text.strip()).replaceAll(" ");
        if (flat.length() <= maxLength) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', maxLength - 1);
        if (cut < maxLength / 2) {
            cut = maxLength - 1;
            if (Character.isHighSurrogate(flat.charAt(cut - 1))) {
                cut--;
            }
        }
        return flat.substring(0, cut).stripTrailing() + "\u2026";
    }
}
