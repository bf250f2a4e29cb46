package com.intelia.expert.db;

/** Recorded OpenAI usage of one model: answers with token counts, and the tokens. */
public record ModelUsage(String model, long usages, long promptTokens, long completionTokens) {
}
