package com.intelia.expert.stats;

import java.util.Locale;

/** Readable names of response sources for the questions page. */
final class SourceLabels {

    private SourceLabels() {
    }

    static String display(String source) {
        if (source == null || source.isBlank()) {
            return "Unknown source";
        }
        return switch (source) {
            case "rag", "rag_retriever" -> "Knowledge base (RAG)";
            case "openai_fallback" -> "OpenAI fallback";
            case "table_lookup", "perfstore" -> "Performance tables";
            case "error" -> "Error";
            default -> {
                String words = source.replace('_', ' ').replace('-', ' ').strip();
                yield words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
            }
        };
    }
}
