package com.intelia.expert.directory;

import com.intelia.expert.api.DatabaseStatus;

import java.util.Map;

/**
 * Probes Supabase with the cheapest profile query and says what an operator should do when it fails. It asks
 * directly, past the circuit breaker, so that the health page shows Supabase as it is now.
 */
public final class SupabaseHealth {

    static final String SCHEMA_REMEDY = "apply the Supabase schema (public.users)";
    static final String KEY_REMEDY = "check SUPABASE_KEY / SUPABASE_SERVICE_KEY";

    private final SupabaseRest rest;

    public SupabaseHealth(SupabaseRest rest) {
        this.rest = rest;
    }

    /** {@code GET /rest/v1/users?select=id&limit=1}: healthy on 200, else unhealthy with the remedy. */
    public DatabaseStatus check() {
        long start = System.nanoTime();
        try {
            SupabaseRest.Answer answer = rest.get("users", Map.of("select", "id", "limit", "1"));
            double latency = millisSince(start);
            if (answer.ok()) {
                return DatabaseStatus.healthy(latency);
            }
            if (answer.tableMissing()) {
                return DatabaseStatus.unhealthy(latency, answer.reason() + ": " + SCHEMA_REMEDY);
            }
            if (answer.keyRejected()) {
                return DatabaseStatus.unhealthy(latency, answer.reason() + ": " + KEY_REMEDY);
            }
            return DatabaseStatus.unhealthy(latency, answer.reason());
        } catch (SupabaseUnavailableException e) {
            return DatabaseStatus.unhealthy(millisSince(start), "Supabase unreachable: " + e.reason());
        }
    }

    private static double millisSince(long start) {
        return Math.round((System.nanoTime() - start) / 100_000.0) / 10.0;
    }
}
