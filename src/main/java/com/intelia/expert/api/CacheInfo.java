package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the cache did for this answer, as the frontend shows it. Extra fields beyond the contract say the hit
 * rate and the time-to-live.
 */
public record CacheInfo(
        @JsonProperty("is_available") boolean isAvailable,
        @JsonProperty("last_update") String lastUpdate,
        @JsonProperty("cache_age_minutes") double cacheAgeMinutes,
        @JsonProperty("performance_gain") String performanceGain,
        @JsonProperty("next_update") String nextUpdate,
        @JsonProperty("hit_rate") double hitRate,
        @JsonProperty("ttl_seconds") long ttlSeconds) {

    /** An answer computed for this request, with nothing cached. */
    public static CacheInfo notCached(String computedAt, String how) {
        return new CacheInfo(false, computedAt, 0, how, null, 0, 0);
    }
}
