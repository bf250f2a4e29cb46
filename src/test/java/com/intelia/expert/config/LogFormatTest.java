package com.intelia.expert.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intelia.expert.support.ServiceProcess;
import com.intelia.expert.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** LOG_FORMAT=json: the service's own output is one JSON object per line, the request log with its request id. */
class LogFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOGBACK_STATUS = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d,\\d+ \\|-(INFO|WARN) in LogbackAccessRequestLog");

    @Test
    void withLogFormatJsonEveryLineIsAJsonObjectAndRequestsCarryTheirId() throws Exception {
        Map<String, String> environment = new HashMap<>(TestDatabase.migrated().environment());
        environment.put("LOG_FORMAT", "json");
        List<JsonNode> lines = new ArrayList<>();
        String requestId;
        try (ServiceProcess service = ServiceProcess.start(List.of(), environment)) {
            assertThat(service.awaitHealthy()).as(service.outputTail()).isNotNegative();
            HttpResponse<String> health = service.get("/api/health?q=plantedmark-query-text");
            requestId = health.headers().firstValue("X-Request-Id").orElseThrow();
            Thread.sleep(500); // the request log is written asynchronously
            for (String line : service.output().split("\n")) {
                if (line.isBlank() || LOGBACK_STATUS.matcher(line).find()) {
                    continue; // logback-access's own start-up status (its version check), not a log event
                }
                assertThat(line).as("one JSON object per line:\n" + service.outputTail()).startsWith("{");
                lines.add(JSON.readTree(line));
            }
        }

        assertThat(lines).anySatisfy(line -> {
            assertThat(line.has("level")).isTrue();
            assertThat(line.has("logger")).isTrue();
            assertThat(line.get("message").asText()).isNotBlank();
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("uri").asText()).isEqualTo("/api/health");
            assertThat(line.path("status").asInt()).isEqualTo(200);
            assertThat(line.toString()).contains(requestId);
        });
        assertThat(lines.toString()).as("no query strings in the request log").doesNotContain("plantedmark-query-text");
    }
}
