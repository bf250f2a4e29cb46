package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** OpenAI settings: the API key whose usage the statistics report and the doctor checks. */
public class OpenAiFactory {

    @JsonProperty private String apiKey;
    @JsonProperty private String baseUrl = "https://api.openai.com";

    public boolean isConfigured() {
        return apiKey != null && !apiKey.isBlank();
    }

    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
}
