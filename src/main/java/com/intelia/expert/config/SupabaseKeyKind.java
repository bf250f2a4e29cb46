package com.intelia.expert.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What kind of Supabase API key a configured value is, told from its shape alone: the new keys by their prefix
 * ({@code sb_secret_...}, {@code sb_publishable_...}), the legacy ones, which are JWTs, by the {@code role} claim of
 * their payload ({@code service_role} or {@code anon}), decoded without verifying the signature (it is our own
 * configuration, and its signature does not matter here). Any other value is UNKNOWN: it may be right, and only
 * Supabase can tell. Never keeps or repeats the key.
 */
public enum SupabaseKeyKind {

    /** Not set. */
    NONE("no key"),
    /** {@code sb_secret_...}: bypasses row-level security; for servers. */
    SECRET("a secret key (sb_secret_...)"),
    /** The legacy {@code service_role} JWT: bypasses row-level security; for servers. */
    LEGACY_SERVICE_ROLE("the legacy service_role key"),
    /** {@code sb_publishable_...}: subject to row-level security; for browsers and apps. */
    PUBLISHABLE("a publishable key (sb_publishable_...)"),
    /** The legacy {@code anon} JWT: subject to row-level security; for browsers and apps. */
    LEGACY_ANON("the legacy anon key (a JWT with role anon)"),
    /** A JWT with another role, e.g. a user's access token (role authenticated): not an API key. */
    OTHER_JWT("a JWT that is neither the anon nor the service_role key (a user's access token?)"),
    /** Any other value: cannot be told from its shape. */
    UNKNOWN("a key of unknown kind");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String label;

    SupabaseKeyKind(String label) {
        this.label = label;
    }

    public static SupabaseKeyKind of(String key) {
        if (key == null || key.isBlank()) {
            return NONE;
        }
        String value = key.strip();
        if (value.startsWith("sb_secret_")) {
            return SECRET;
        }
        if (value.startsWith("sb_publishable_")) {
            return PUBLISHABLE;
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3) {
            return UNKNOWN;
        }
        try {
            JsonNode payload = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            if (payload == null || !payload.isObject()) {
                return UNKNOWN;
            }
            return switch (payload.path("role").asText("")) {
                case "service_role" -> LEGACY_SERVICE_ROLE;
                case "anon" -> LEGACY_ANON;
                default -> OTHER_JWT;
            };
        } catch (IllegalArgumentException | java.io.IOException e) {
            return UNKNOWN; // not base64url or not JSON: not a JWT
        }
    }

    /** Reads every row whatever row-level security says: what admin statistics, the audit and repairs need. */
    public boolean bypassesRowLevelSecurity() {
        return this == SECRET || this == LEGACY_SERVICE_ROLE;
    }

    /**
     * Known not to read other users' profiles: a publishable or anon key (row-level security answers {@code 200 []}
     * for rows it hides), or a JWT that is not an API key at all.
     */
    public boolean cannotReadEveryProfile() {
        return this == PUBLISHABLE || this == LEGACY_ANON || this == OTHER_JWT;
    }

    /** How the kind is named to an operator, e.g. "a publishable key (sb_publishable_...)". */
    public String label() {
        return label;
    }
}
