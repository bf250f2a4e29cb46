package com.intelia.expert.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.client.ClientProperties;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

/**
 * The one place that sends GET requests to Supabase's REST API (PostgREST), with both key headers and
 * bounded timeouts, and that names what came back in words an operator can act on.
 */
public final class SupabaseRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What PostgREST, or Supabase's gateway before it, answered: status and the JSON body when there is one. */
    public record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public boolean serverError() {
            return status >= 500;
        }

        /** PGRST205 on current PostgREST, 42P01 on older servers. */
        public boolean tableMissing() {
            return status == 404 && ("PGRST205".equals(code()) || "42P01".equals(code()));
        }

        /** The gateway's "Invalid API key" / "No API key found", or PostgREST's PGRST301-303 JWT errors. */
        public boolean keyRejected() {
            return status == 401;
        }

        public String code() {
            return text("code");
        }

        public String message() {
            return text("message");
        }

        /** A short reason naming the status and the PostgREST code or gateway message, never the whole body. */
        public String reason() {
            String detail = code() != null ? code() : message();
            String suffix = detail == null ? "" : " " + shorten(detail);
            if (tableMissing()) {
                return "table public.users is missing (404" + suffix + ")";
            }
            if (keyRejected()) {
                return "API key rejected (401" + suffix + ")";
            }
            if (serverError()) {
                return "Supabase error (" + status + suffix + ")";
            }
            return "Supabase refused the request (" + status + suffix + ")";
        }

        private String text(String field) {
            JsonNode value = body == null || !body.isObject() ? null : body.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    private final Client client;
    private final String baseUrl;
    private final String key;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public SupabaseRest(Client client, String baseUrl, String key, Duration connectTimeout, Duration readTimeout) {
        this.client = client;
        this.baseUrl = baseUrl.trim().replaceAll("/+$", "");
        this.key = key;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    /**
     * GET {@code /rest/v1/<table>?<query>}. Any HTTP answer is returned; no answer at all (timeout, refused
     * connection, unknown host) throws {@link SupabaseUnavailableException}.
     */
    public Answer get(String table, Map<String, String> query) {
        WebTarget target = client.target(baseUrl).path("rest/v1").path(table)
                .property(ClientProperties.CONNECT_TIMEOUT, connectTimeoutMillis)
                .property(ClientProperties.READ_TIMEOUT, readTimeoutMillis);
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            target = target.queryParam(parameter.getKey(), parameter.getValue());
        }
        try (Response response = target.request(MediaType.APPLICATION_JSON)
                .header("apikey", key)
                .header("Authorization", "Bearer " + key)
                .get()) {
            return new Answer(response.getStatus(), parse(response.readEntity(String.class)));
        } catch (ProcessingException e) {
            throw new SupabaseUnavailableException(describe(e));
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    private String describe(ProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException) {
                return "timeout (connect " + connectTimeoutMillis + " ms, read " + readTimeoutMillis + " ms)";
            }
            if (cause instanceof ConnectException) {
                return "connection refused by " + baseUrl;
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host in " + baseUrl;
            }
        }
        Throwable root = e.getCause() == null ? e : e.getCause();
        return "cannot reach " + baseUrl + " (" + root.getClass().getSimpleName() + ")";
    }

    /** A body as JSON, or null when it is empty or not JSON. */
    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null; // an HTML error page from the edge, for instance: the status says enough
        }
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
