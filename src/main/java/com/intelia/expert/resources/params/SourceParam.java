package com.intelia.expert.resources.params;

import com.intelia.expert.stats.SourceKeys;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A response source as the dashboard names it ({@code rag_retriever}, {@code perfstore}, {@code openai_fallback},
 * {@code unknown}, or any other key it shows) or as conversations store it ({@code rag}, {@code table_lookup}):
 * read as its dashboard key, so that the questions it selects are those the dashboard counts under that key.
 * At most 50 characters, the longest source a save may record. 400 otherwise.
 */
@Schema(type = "string", maxLength = SourceParam.MAX, example = "rag_retriever",
        description = "a response source as the dashboard names it (rag_retriever, perfstore, openai_fallback,"
                + " unknown, ...) or as conversations store it (rag, table_lookup)")
public final class SourceParam extends TextParam {

    public static final int MAX = 50;

    public SourceParam(String input, String name) {
        super(input, name, 1, MAX, (text, n) -> SourceKeys.key(text));
    }
}
