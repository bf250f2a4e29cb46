package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.UUID;

/** GET /stats-fast/questions, as the contract gives it; extra fields are marked as such. */
public record QuestionsPage(
        @JsonProperty("cache_info") CacheInfo cacheInfo,
        @JsonProperty("questions") List<Question> questions,
        @JsonProperty("pagination") Pagination pagination,
        @JsonProperty("meta") Meta meta,
        /* extra: pass as cursor for the next page (index-backed at any depth); null on the last page */
        @JsonProperty("next_cursor") String nextCursor) {

    public record Question(
            @JsonProperty("id") String id,
            @JsonProperty("timestamp") String timestamp,
            @JsonProperty("user_email") String userEmail,
            @JsonProperty("user_name") String userName,
            @JsonProperty("question") String question,
            @JsonProperty("response") String response,
            @JsonProperty("response_source") String responseSource,
            @JsonProperty("source_display") String sourceDisplay,
            @JsonProperty("confidence_score") Double confidenceScore,
            @JsonProperty("response_time") Double responseTime,
            @JsonProperty("language") String language,
            @JsonProperty("session_id") String sessionId,
            @JsonProperty("feedback") Integer feedback,
            @JsonProperty("feedback_comment") String feedbackComment,
            /* extra */
            @JsonProperty("user_id") UUID userId,
            @JsonProperty("profile_status") String profileStatus) {
    }

    public record Pagination(
            @JsonProperty("page") long page,
            @JsonProperty("limit") int limit,
            @JsonProperty("total") long total,
            @JsonProperty("pages") long pages,
            @JsonProperty("has_next") boolean hasNext,
            @JsonProperty("has_prev") boolean hasPrev,
            /* extra: pass as cursor for the next page (index-backed at any depth); null on the last page */
            @JsonProperty("next_cursor") String nextCursor,
            /* extra: false when total is a lower bound (a filtered count stops at a cap) */
            @JsonProperty("total_exact") boolean totalExact) {
    }

    public record Meta(
            @JsonProperty("retrieved") int retrieved,
            @JsonProperty("user_role") String userRole,
            @JsonProperty("timestamp") String timestamp) {
    }
}
