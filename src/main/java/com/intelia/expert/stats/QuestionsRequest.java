package com.intelia.expert.stats;

/**
 * The query parameters of GET /stats-fast/questions exactly as received (strings, any may be null), so that a
 * malformed value becomes a 400 that names it rather than a framework error.
 */
public record QuestionsRequest(String page, String limit, String cursor, String userId, String responseSource,
                               String feedback, String language, String from, String to, String q) {

    public static QuestionsRequest firstPage() {
        return new QuestionsRequest(null, null, null, null, null, null, null, null, null, null);
    }

    public QuestionsRequest withPage(String page, String limit) {
        return new QuestionsRequest(page, limit, cursor, userId, responseSource, feedback, language, from, to, q);
    }

    public QuestionsRequest withCursor(String cursor) {
        return new QuestionsRequest(page, limit, cursor, userId, responseSource, feedback, language, from, to, q);
    }
}
