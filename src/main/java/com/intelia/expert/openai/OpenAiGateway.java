package com.intelia.expert.openai;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;

/** The only place that talks to OpenAI: today, whether the configured key is accepted. */
public class OpenAiGateway {

    /** What OpenAI said about the key. */
    public record KeyCheck(boolean accepted, String detail) {
    }

    private final Client client;
    private final String baseUrl;
    private final String apiKey;

    public OpenAiGateway(Client client, String baseUrl, String apiKey) {
        this.client = client;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
    }

    /** GET /v1/models: 200 with the key accepted, 401 when OpenAI refuses it. */
    public KeyCheck checkKey() {
        try (Response response = client.target(baseUrl + "/v1/models").request()
                .header("Authorization", "Bearer " + apiKey).get()) {
            int status = response.getStatus();
            if (status == 200) {
                return new KeyCheck(true, "key accepted");
            }
            if (status == 401) {
                return new KeyCheck(false, "OpenAI rejected OPENAI_API_KEY (401)");
            }
            if (status == 429) {
                return new KeyCheck(false, "OpenAI answered 429: quota exceeded or rate limited for this key");
            }
            return new KeyCheck(false, "OpenAI answered HTTP " + status);
        } catch (ProcessingException e) {
            return new KeyCheck(false, "cannot reach OpenAI at " + baseUrl + " ("
                    + e.getCause().getClass().getSimpleName() + ")");
        }
    }
}
