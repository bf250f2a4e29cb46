package com.intelia.expert.directory;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Supabase's Auth admin API and the profile insert of the guide's option B: an auth user created with
 * a given UUID, and its public.users row. Needs the service role key.
 */
public class SupabaseAuthAdmin {

    /** What Supabase answered, in words an operator can act on. */
    public record Outcome(int status, String code, String message) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final Client client;
    private final String baseUrl;
    private final String serviceKey;

    public SupabaseAuthAdmin(Client client, String baseUrl, String serviceKey) {
        this.client = client;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.serviceKey = serviceKey;
    }

    /** GET /auth/v1/admin/users/{id}: 200 when the auth user exists, 404 user_not_found otherwise. */
    public Outcome findAuthUser(UUID id) {
        return call(request("/auth/v1/admin/users/" + id), null, "GET");
    }

    public Outcome createAuthUser(UUID id, String email, String firstName, String lastName) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        putIfPresent(metadata, "first_name", firstName);
        putIfPresent(metadata, "last_name", lastName);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("email", email);
        body.put("email_confirm", true);
        body.put("user_metadata", metadata);
        return call(request("/auth/v1/admin/users"), body, "POST");
    }

    public Outcome createProfile(UUID id, String email, String firstName, String lastName) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id.toString());
        row.put("email", email);
        putIfPresent(row, "first_name", firstName);
        putIfPresent(row, "last_name", lastName);
        row.put("user_type", "user");
        return call(request("/rest/v1/users").header("Prefer", "return=representation"), List.of(row), "POST");
    }

    private Invocation.Builder request(String path) {
        return client.target(baseUrl + path).request(MediaType.APPLICATION_JSON)
                .header("apikey", serviceKey)
                .header("Authorization", "Bearer " + serviceKey)
                .header("X-Supabase-Api-Version", "2024-01-01");
    }

    private Outcome call(Invocation.Builder request, Object body, String method) {
        try (Response response = body == null ? request.method(method)
                : request.method(method, Entity.json(body))) {
            String code = response.getHeaderString("x-sb-error-code");
            String message = null;
            if (response.getStatus() >= 400 && response.hasEntity()) {
                JsonNode error = response.readEntity(JsonNode.class);
                code = code != null ? code : text(error, "code", text(error, "error_code", null));
                message = text(error, "message", text(error, "msg", null));
            }
            return new Outcome(response.getStatus(), code, message);
        } catch (ProcessingException e) {
            return new Outcome(0, "unreachable", "cannot reach Supabase at " + baseUrl + " ("
                    + e.getCause().getClass().getSimpleName() + ")");
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
