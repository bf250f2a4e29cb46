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
    static final String UNREACHABLE_REMEDY = "check SUPABASE_URL and that this host can reach Supabase over HTTPS";

    /** What the probe found: nothing wrong, or the problem and, when one is known, what to do about it. */
    public record Probe(double latencyMs, String problem, String remedy) {

        public boolean healthy() {
            return problem == null;
        }

        /** As the health JSON shows it: the problem followed by the remedy for a missing table or a bad key. */
        public DatabaseStatus status() {
            if (healthy()) {
                return DatabaseStatus.healthy(latencyMs);
            }
            boolean actionable = remedy != null && !UNREACHABLE_REMEDY.equals(remedy);
            return DatabaseStatus.unhealthy(latencyMs, actionable ? problem + ": " + remedy : problem);
        }
    }

    private final SupabaseRest rest;

    public SupabaseHealth(SupabaseRest rest) {
        this.rest = rest;
    }

    /** {@code GET /rest/v1/users?select=id&limit=1}: healthy on 200, else unhealthy with the remedy. */
    public DatabaseStatus check() {
        return probe().status();
    }

    /** The same request, its outcome in parts, for the doctor's line (problem, then remedy). */
    public Probe probe() {
        long start = System.nanoTime();
        try {
            SupabaseRest.Answer answer = rest.get("users", Map.of("select", "id", "limit", "1"));
            double latency = millisSince(start);
            if (answer.ok()) {
                return new Probe(latency, null, null);
            }
            if (answer.tableMissing()) {
                return new Probe(latency, answer.reason(), SCHEMA_REMEDY);
            }
            if (answer.keyRejected()) {
                return new Probe(latency, answer.reason(), KEY_REMEDY);
            }
            return new Probe(latency, answer.reason(), null);
        } catch (SupabaseUnavailableException e) {
            return new Probe(millisSince(start), "Supabase unreachable: " + e.reason(), UNREACHABLE_REMEDY);
        }
    }

    private static double millisSince(long start) {
        return Math.round((System.nanoTime() - start) / 100_000.0) / 10.0;
    }
}
