package com.intelia.expert.resources.params;

import io.swagger.v3.oas.annotations.media.Schema;

/** A language code as conversations store it ({@code fr}, {@code en}, {@code pt-BR}): at most 10 characters. */
@Schema(type = "string", maxLength = LanguageParam.MAX, example = "fr",
        description = "a language code as conversations store it (fr, en, pt-BR)")
public final class LanguageParam extends TextParam {

    public static final int MAX = 10;

    public LanguageParam(String input, String name) {
        super(input, name, 1, MAX);
    }
}
