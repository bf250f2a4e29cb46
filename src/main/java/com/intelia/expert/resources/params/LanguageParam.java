package com.intelia.expert.resources.params;

/** A language code as conversations store it ({@code fr}, {@code en}, {@code pt-BR}): at most 10 characters. */
public final class LanguageParam extends TextParam {

    public static final int MAX = 10;

    public LanguageParam(String input, String name) {
        super(input, name, 1, MAX);
    }
}
