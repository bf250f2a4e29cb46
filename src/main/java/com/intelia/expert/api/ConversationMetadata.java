package com.intelia.expert.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** Optional facts about how an answer was produced, each stored in its own column. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationMetadata(
        @JsonProperty("response_source") String responseSource,
        @JsonProperty("confidence") Double confidence,
        @JsonProperty("processing_time_ms") Integer processingTimeMs,
        @JsonProperty("language") String language,
        @JsonProperty("mode") String mode,
        @JsonProperty("sources") JsonNode sources,
        @JsonProperty("model") String model,
        @JsonProperty("prompt_tokens") Integer promptTokens,
        @JsonProperty("completion_tokens") Integer completionTokens) {

    public static final ConversationMetadata NONE = new ConversationMetadata(null, null, null, null, null, null, null,
            null, null);
}
