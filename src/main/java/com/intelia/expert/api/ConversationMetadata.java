package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Optional facts about how an answer was produced, each stored in its own column. response_source and model are
 * at most as wide as the rollups' keys (50 and 100 characters); processing_time_ms is milliseconds, at most a day;
 * sources is any JSON, stored as jsonb.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationMetadata(
        @JsonProperty("response_source") @Size(max = 50) String responseSource,
        @JsonProperty("confidence") @DecimalMin(value = "0", message = "must be between 0 and 1")
        @DecimalMax(value = "1", message = "must be between 0 and 1") Double confidence,
        @JsonProperty("processing_time_ms") @Min(value = 0, message = "must be between 0 and 86400000")
        @Max(value = 86_400_000, message = "must be between 0 and 86400000") Integer processingTimeMs,
        @JsonProperty("language") @Size(max = 10) String language,
        @JsonProperty("mode") @Size(max = 50) String mode,
        @JsonProperty("sources") @Schema(implementation = Object.class, description = "any JSON, stored as given")
        JsonNode sources,
        @JsonProperty("model") @Size(max = 100) String model,
        @JsonProperty("prompt_tokens") @Min(value = 0, message = "must be between 0 and 10000000")
        @Max(value = 10_000_000, message = "must be between 0 and 10000000") Integer promptTokens,
        @JsonProperty("completion_tokens") @Min(value = 0, message = "must be between 0 and 10000000")
        @Max(value = 10_000_000, message = "must be between 0 and 10000000") Integer completionTokens) {

    public static final ConversationMetadata NONE = new ConversationMetadata(null, null, null, null, null, null, null,
            null, null);
}
