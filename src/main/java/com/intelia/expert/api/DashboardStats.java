package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** GET /stats-fast/dashboard, as the contract gives it; extra fields are marked as such. */
public record DashboardStats(
        @JsonProperty("cache_info") CacheInfo cacheInfo,
        @JsonProperty("system_stats") SystemStats systemStats,
        @JsonProperty("usage_stats") UsageStats usageStats,
        @JsonProperty("billing_stats") BillingStats billingStats,
        @JsonProperty("performance_stats") PerformanceStats performanceStats,
        /* extra: the period the figures cover */
        @JsonProperty("period") Period period) {

    public record SystemStats(
            @JsonProperty("system_health") SystemHealth systemHealth,
            @JsonProperty("billing_stats") Plans billingStats,
            @JsonProperty("features_enabled") FeaturesEnabled featuresEnabled) {
    }

    /** rag_status is left out while the service knows nothing about the RAG backends. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SystemHealth(
            @JsonProperty("uptime_hours") double uptimeHours,
            @JsonProperty("total_requests") long totalRequests,
            @JsonProperty("error_rate") double errorRate,
            @JsonProperty("rag_status") Map<String, Boolean> ragStatus) {
    }

    public record Plans(@JsonProperty("plans_available") int plansAvailable,
                        @JsonProperty("plan_names") List<String> planNames) {
    }

    public record FeaturesEnabled(
            @JsonProperty("analytics") boolean analytics,
            @JsonProperty("billing") boolean billing,
            @JsonProperty("authentication") boolean authentication,
            @JsonProperty("openai_fallback") boolean openaiFallback) {
    }

    public record UsageStats(
            @JsonProperty("unique_users") long uniqueUsers,
            @JsonProperty("total_questions") long totalQuestions,
            @JsonProperty("questions_today") long questionsToday,
            @JsonProperty("questions_this_month") long questionsThisMonth,
            @JsonProperty("source_distribution") Map<String, Long> sourceDistribution,
            @JsonProperty("monthly_breakdown") Map<String, Long> monthlyBreakdown,
            /* extra */
            @JsonProperty("feedback") Feedback feedback) {
    }

    public record Feedback(@JsonProperty("positive") long positive, @JsonProperty("negative") long negative) {
    }

    public record BillingStats(
            @JsonProperty("plans") Map<String, PlanFigures> plans,
            @JsonProperty("total_revenue") double totalRevenue,
            @JsonProperty("top_users") List<TopUser> topUsers) {
    }

    public record PlanFigures(@JsonProperty("user_count") long userCount, @JsonProperty("revenue") double revenue) {
    }

    /** email/names only for a found profile; otherwise a readable label and the short id (DESIGN.md). */
    public record TopUser(
            @JsonProperty("email") String email,
            @JsonProperty("first_name") String firstName,
            @JsonProperty("last_name") String lastName,
            @JsonProperty("question_count") long questionCount,
            @JsonProperty("plan") String plan,
            @JsonProperty("user_id") UUID userId,
            @JsonProperty("profile_status") String profileStatus,
            @JsonProperty("display_name") String displayName) {
    }

    /** Response times in seconds. */
    public record PerformanceStats(
            @JsonProperty("avg_response_time") double avgResponseTime,
            @JsonProperty("median_response_time") double medianResponseTime,
            @JsonProperty("min_response_time") double minResponseTime,
            @JsonProperty("max_response_time") double maxResponseTime,
            @JsonProperty("response_time_count") long responseTimeCount,
            @JsonProperty("openai_costs") double openaiCosts,
            @JsonProperty("error_count") long errorCount,
            @JsonProperty("cache_hit_rate") double cacheHitRate,
            /* extra */
            @JsonProperty("p95_response_time") double p95ResponseTime,
            @JsonProperty("p99_response_time") double p99ResponseTime,
            @JsonProperty("openai_usage") OpenAiUsage openaiUsage) {
    }

    public record OpenAiUsage(
            @JsonProperty("prompt_tokens") long promptTokens,
            @JsonProperty("completion_tokens") long completionTokens,
            @JsonProperty("answers_with_usage") long answersWithUsage,
            @JsonProperty("unpriced_models") List<String> unpricedModels) {
    }

    public record Period(@JsonProperty("range") String range, @JsonProperty("from") String from,
                         @JsonProperty("to") String to) {
    }
}
