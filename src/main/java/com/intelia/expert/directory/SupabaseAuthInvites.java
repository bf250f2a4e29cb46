package com.intelia.expert.directory;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.client.ClientProperties;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The calls of Supabase Auth (GoTrue) and PostgREST that invitations need, and nothing else: invite by e-mail, find
 * a user by address, the user behind an access token, a link's one-time token for a session, the admin update of a
 * user, and the public.users profile. Admin calls carry the service key in both headers; the user and verify calls
 * carry the project key as {@code apikey} and, for the user, the person's token as Bearer. Each call is bounded by
 * the configured connect and read timeouts. Never logs: bodies hold e-mail addresses, names and tokens.
 */
public class SupabaseAuthInvites {

    /** Status 0 when Supabase gave no answer in time or could not be reached. */
    public static final int NO_ANSWER = 0;

    /**
     * What Supabase answered: the HTTP status (0: none), its error code (header {@code x-sb-error-code}, or the
     * body's {@code error_code}/{@code code}, or "timeout"/"unreachable") and the JSON body (null when none).
     */
    public record Answer(int status, String code, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final Client client;
    private final String baseUrl;
    private final String projectKey;
    private final String serviceKey;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    /** projectKey: SUPABASE_KEY (anon or publishable), sent as apikey with a user's token; serviceKey for admin calls. */
    public SupabaseAuthInvites(Client client, String baseUrl, String projectKey, String serviceKey,
                               Duration connectTimeout, Duration readTimeout) {
        this.client = client;
        this.baseUrl = baseUrl.trim().replaceAll("/+$", "");
        this.projectKey = projectKey == null || projectKey.isBlank() ? serviceKey : projectKey;
        this.serviceKey = serviceKey;
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    /** POST /auth/v1/invite?redirect_to=: 200 with the (new or still unconfirmed) user; 422 email_exists; 429 over_email_send_rate_limit. */
    public Answer invite(String email, Map<String, Object> metadata, String redirectTo) {
        WebTarget target = target("auth/v1/invite").queryParam("redirect_to", redirectTo);
        return call(admin(target), "POST", Map.of("email", email, "data", metadata));
    }

    /** GET /auth/v1/admin/users?filter=: {"users": [...]} whose address contains the filter (GoTrue matches a substring). */
    public Answer findUsers(String email) {
        return call(admin(target("auth/v1/admin/users").queryParam("filter", email).queryParam("per_page", 50)),
                "GET", null);
    }

    /** GET /auth/v1/user with the person's access token: 200 user; 401/403 for a bad or expired token. */
    public Answer userOfToken(String accessToken) {
        return call(target("auth/v1/user").request(MediaType.APPLICATION_JSON).header("apikey", projectKey)
                .header("Authorization", "Bearer " + accessToken), "GET", null);
    }

    /** POST /auth/v1/verify {type: invite, token_hash}: 200 with access_token, refresh_token, user; 403 otp_expired. */
    public Answer verifyInvite(String tokenHash) {
        return call(target("auth/v1/verify").request(MediaType.APPLICATION_JSON).header("apikey", projectKey),
                "POST", Map.of("type", "invite", "token_hash", tokenHash));
    }

    /** PUT /auth/v1/admin/users/{id} with {password?, user_metadata?, email_confirm?}: 200 with the user. */
    public Answer updateUser(UUID id, Map<String, Object> changes) {
        return call(admin(target("auth/v1/admin/users/" + id)), "PUT", changes);
    }

    /** POST /rest/v1/users (one row): 201; 409 code 23505 when the id exists; 400 42703/PGRST204 for an unknown column. */
    public Answer insertProfile(Map<String, Object> row) {
        return call(admin(target("rest/v1/users")).header("Prefer", "return=minimal"), "POST", row);
    }

    /** PATCH /rest/v1/users?id=eq.{id}: 204 (also when no row matched). */
    public Answer updateProfile(UUID id, Map<String, Object> changes) {
        return call(admin(target("rest/v1/users").queryParam("id", "eq." + id)).header("Prefer", "return=minimal"),
                "PATCH", changes);
    }

    private WebTarget target(String path) {
        return client.target(baseUrl).path(path)
                .property(ClientProperties.CONNECT_TIMEOUT, connectTimeoutMillis)
                .property(ClientProperties.READ_TIMEOUT, readTimeoutMillis)
                .property(ClientProperties.SUPPRESS_HTTP_COMPLIANCE_VALIDATION, true);
    }

    private Invocation.Builder admin(WebTarget target) {
        return target.request(MediaType.APPLICATION_JSON).header("apikey", serviceKey)
                .header("Authorization", "Bearer " + serviceKey).header("X-Supabase-Api-Version", "2024-01-01");
    }

    private Answer call(Invocation.Builder request, String method, Object body) {
        try (Response response = body == null ? request.method(method) : request.method(method, Entity.json(body))) {
            JsonNode json = SupabaseRest.parse(response.hasEntity() ? response.readEntity(String.class) : null);
            String code = response.getHeaderString("x-sb-error-code");
            if (code == null && response.getStatus() >= 400 && json != null && json.isObject()) {
                code = text(json, "error_code");
                if (code == null && json.path("code").isTextual()) {
                    code = json.get("code").asText();
                }
            }
            return new Answer(response.getStatus(), code, json);
        } catch (ProcessingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InterruptedIOException) {
                    return new Answer(NO_ANSWER, "timeout", null);
                }
            }
            return new Answer(NO_ANSWER, "unreachable", null);
        }
    }

    /** The text of a field of a JSON object, or null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
