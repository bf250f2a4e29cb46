package com.intelia.expert.core;

/** Short forms of a conversation's texts for lists: title from the question, previews from the answer. */
final class Texts {

    static final int TITLE_LENGTH = 100;
    static final int PREVIEW_LENGTH = 200;

    private Texts() {
    }

    /** The first characters, cut at a word boundary where one is near, with an ellipsis when cut. */
    static String shorten(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= maxLength) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', maxLength - 1);
        if (cut < maxLength / 2) {
            cut = maxLength - 1;
        }
        return flat.substring(0, cut).stripTrailing() + "\u2026";
    }
}
