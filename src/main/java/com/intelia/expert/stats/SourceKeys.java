package com.intelia.expert.stats;

import java.util.List;
import java.util.Locale;

/**
 * The names of response sources. Conversations store the source the answering component wrote ({@code rag},
 * {@code table_lookup}, ...); the dashboard groups them under keys, as the contract maps them: {@code rag} to
 * {@code rag_retriever}, {@code table_lookup} and {@code perfstore} to {@code perfstore}, none to
 * {@code unknown}, any other source to itself. The questions filter speaks the same keys, so that an admin can
 * drill down from any figure of the dashboard: a value selects every row whose source has the same key.
 */
public final class SourceKeys {

    public static final String RAG = "rag_retriever";
    public static final String OPENAI_FALLBACK = "openai_fallback";
    public static final String PERFSTORE = "perfstore";
    public static final String UNKNOWN = "unknown";
    /** The keys the dashboard always shows, even at zero. */
    public static final List<String> ALWAYS_SHOWN = List.of(RAG, OPENAI_FALLBACK, PERFSTORE);

    private SourceKeys() {
    }

    /** The dashboard key of a stored source (null or blank: {@link #UNKNOWN}); a key is its own key. */
    public static String key(String stored) {
        if (stored == null || stored.isEmpty()) {
            return UNKNOWN;
        }
        return switch (stored) {
            case "rag" -> RAG;
            case "table_lookup" -> PERFSTORE;
            default -> stored;
        };
    }

    /**
     * Every stored value whose key is {@code key}, as the rollups record them (no source recorded is {@code ""}):
     * exactly the rows the dashboard counts under that key.
     */
    public static List<String> storedValues(String key) {
        return switch (key) {
            case RAG -> List.of("rag", RAG);
            case PERFSTORE -> List.of("table_lookup", PERFSTORE);
            case UNKNOWN -> List.of("", UNKNOWN);
            default -> List.of(key);
        };
    }

    /** A readable name of a stored source for the questions page. */
    static String display(String source) {
        if (source == null || source.isBlank()) {
            return "Unknown source";
        }
        return switch (key(source)) {
            case RAG -> "Knowledge base (RAG)";
            case OPENAI_FALLBACK -> "OpenAI fallback";
            case PERFSTORE -> "Performance tables";
            case "error" -> "Error";
            default -> {
                String words = source.replace('_', ' ').replace('-', ' ').strip();
                yield words.isEmpty() ? "Unknown source"
                        : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
            }
        };
    }
}
