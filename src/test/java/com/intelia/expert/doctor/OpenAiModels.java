package com.intelia.expert.doctor;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.intelia.expert.support.TestDatabase;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;

/** OpenAI's models list over WireMock, as the doctor's key check calls it, for the doctor tests. */
final class OpenAiModels {

    static final String KEY = "sk-test-doctor-0123456789abcdef";

    private OpenAiModels() {
    }

    /** The database's environment with OPENAI_API_KEY and OPENAI_BASE_URL pointing at the stub. */
    static Map<String, String> environment(TestDatabase database, WireMockExtension openAi) {
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("OPENAI_API_KEY", KEY);
        env.put("OPENAI_BASE_URL", openAi.baseUrl());
        return env;
    }

    /** GET /v1/models with the key answers 200 and a list, as OpenAI does. */
    static void accept(WireMockExtension openAi) {
        openAi.stubFor(get("/v1/models").withHeader("Authorization", equalTo("Bearer " + KEY)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\","
                        + "\"created\":1686935002,\"owned_by\":\"system\"}]}")));
    }
}
