package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Supabase project settings: SUPABASE_URL with its anon and service keys. */
public class SupabaseFactory {

    @JsonProperty private String url;
    @JsonProperty private String key;
    @JsonProperty private String serviceKey;

    public boolean isConfigured() {
        return url != null && !url.isBlank();
    }

    public String getUrl() { return url; }
    public String getKey() { return key; }
    public String getServiceKey() { return serviceKey; }
    public void setUrl(String url) { this.url = url; }
    public void setKey(String key) { this.key = key; }
    public void setServiceKey(String serviceKey) { this.serviceKey = serviceKey; }
}
