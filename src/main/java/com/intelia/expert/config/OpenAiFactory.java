package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** OpenAI settings: the API key whose usage the statistics report and the doctor checks. */
public class OpenAiFactory {

    @JsonProperty private String apiKey;

    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
}
