package com.intelia.expert.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.intelia.expert.api.DatabaseStatus;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Profiles from Supabase's public.users, one request per page of ids, so that a Supabase outage shows as
 * "unavailable" names instead of slow or failing pages. Retries and a circuit breaker bound the damage.
 */
public final class SupabaseUserDirectory implements UserDirectory {

    /** Supabase's edge refuses URLs of about 16 KB; 150 UUIDs stay well below. */
    public static final int MAX_IDS_PER_REQUEST = 150;

    private static final int PLAN_PAGE = 1000;
    private static final int MAX_PLAN_PAGES = 200;
    private static final Logger LOG = LoggerFactory.getLogger(SupabaseUserDirectory.class);
    private static final String COLUMNS = "id,email,first_name,last_name,user_type,plan";
    private static final String CIRCUIT_OPEN = "circuit open: Supabase failed repeatedly, not asked for a while";

    private final SupabaseRest rest;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final String notConfigured;

    public SupabaseUserDirectory(SupabaseRest rest, CircuitBreaker breaker, Retry retry) {
        this(rest, breaker, retry, null);
        breaker.getEventPublisher().onStateTransition(event ->
                LOG.warn("Supabase circuit breaker {}", event.getStateTransition()));
    }

    private SupabaseUserDirectory(SupabaseRest rest, CircuitBreaker breaker, Retry retry, String notConfigured) {
        this.rest = rest;
        this.breaker = breaker;
        this.retry = retry;
        this.notConfigured = notConfigured;
    }

    /** A directory that asks nobody: every id is unavailable with the given reason. */
    public static SupabaseUserDirectory notConfigured(String reason) {
        return new SupabaseUserDirectory(null, null, null, reason);
    }

    @Override
    public Map<UUID, ProfileLookup> lookup(Collection<UUID> userIds) {
        List<UUID> ids = new ArrayList<>(new LinkedHashSet<>(userIds));
        Map<UUID, ProfileLookup> result = new LinkedHashMap<>();
        if (notConfigured != null) {
            ids.forEach(id -> result.put(id, ProfileLookup.unavailable(id, notConfigured)));
            return result;
        }
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_REQUEST) {
            result.putAll(lookupChunk(ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_REQUEST))));
        }
        return result;
    }

    /** One request, email=ilike.<address>, then an exact case-insensitive match (ilike treats _ as a wildcard). */
    @Override
    public ProfileLookup lookupByEmail(String email) {
        if (notConfigured != null) {
            return ProfileLookup.unavailable(null, notConfigured);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("select", COLUMNS);
        query.put("email", "ilike." + email.replace("*", ""));
        try {
            for (JsonNode row : fetch(query)) {
                Profile profile = profile(row);
                if (profile != null && email.equalsIgnoreCase(profile.email())) {
                    return ProfileLookup.found(profile);
                }
            }
            return ProfileLookup.missing(null);
        } catch (SupabaseUnavailableException | CallNotPermittedException e) {
            return ProfileLookup.unavailable(null, e instanceof SupabaseUnavailableException u ? u.reason() : CIRCUIT_OPEN);
        }
    }

    /** Pages of 1,000 rows (Supabase's default cap) of select=plan, in id order; at most 200 pages. */
    @Override
    public PlanCounts planCounts() {
        if (notConfigured != null) {
            return PlanCounts.unavailable(notConfigured);
        }
        Map<String, Long> users = new java.util.TreeMap<>();
        try {
            for (int page = 0; page < MAX_PLAN_PAGES; page++) {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("select", "plan");
                query.put("order", "id");
                query.put("limit", Integer.toString(PLAN_PAGE));
                query.put("offset", Integer.toString(page * PLAN_PAGE));
                JsonNode rows = fetch(query);
                for (JsonNode row : rows) {
                    String plan = text(row, "plan");
                    users.merge(plan == null || plan.isBlank() ? PlanCounts.NO_PLAN : plan, 1L, Long::sum);
                }
                if (rows.size() < PLAN_PAGE) {
                    return PlanCounts.of(users);
                }
            }
            return PlanCounts.unavailable("more than " + MAX_PLAN_PAGES * PLAN_PAGE + " profiles");
        } catch (SupabaseUnavailableException | CallNotPermittedException e) {
            return PlanCounts.unavailable(e instanceof SupabaseUnavailableException u ? u.reason() : CIRCUIT_OPEN);
        }
    }

    @Override
    public DatabaseStatus health() {
        return notConfigured != null ? DatabaseStatus.notConfigured(notConfigured) : new SupabaseHealth(rest).check();
    }

    /** The circuit breaker in front of Supabase, for its metrics; empty when Supabase is not configured. */
    public Optional<CircuitBreaker> circuitBreaker() {
        return Optional.ofNullable(breaker);
    }

    /** CLOSED, OPEN, HALF_OPEN...; for health details and operators. */
    public String circuitState() {
        return breaker == null ? "NOT_CONFIGURED" : breaker.getState().name();
    }

    private Map<UUID, ProfileLookup> lookupChunk(List<UUID> ids) {
        Map<UUID, ProfileLookup> result = new LinkedHashMap<>();
        Set<UUID> asked = new HashSet<>(ids);
        try {
            for (JsonNode row : fetch(ids)) {
                Profile profile = profile(row);
                if (profile != null && asked.contains(profile.id())) {
                    result.put(profile.id(), ProfileLookup.found(profile));
                }
            }
            ids.forEach(id -> result.putIfAbsent(id, ProfileLookup.missing(id)));
        } catch (SupabaseUnavailableException | CallNotPermittedException e) {
            String reason = e instanceof SupabaseUnavailableException u ? u.reason() : CIRCUIT_OPEN;
            LOG.warn("Supabase profiles unavailable for {} ids: {}", ids.size(), reason);
            ids.forEach(id -> result.put(id, ProfileLookup.unavailable(id, reason)));
        }
        return result;
    }

    /** The rows for these ids; a 4xx is final (not retried, not a circuit failure), a 5xx or no answer is not. */
    private JsonNode fetch(List<UUID> ids) {
        String in = ids.stream().map(UUID::toString).collect(Collectors.joining(",", "in.(", ")"));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("select", COLUMNS);
        query.put("id", in);
        return fetch(query);
    }

    private JsonNode fetch(Map<String, String> query) {
        Supplier<SupabaseRest.Answer> call = () -> {
            SupabaseRest.Answer answer = rest.get("users", query);
            if (answer.serverError()) {
                throw new SupabaseUnavailableException(answer.reason());
            }
            return answer;
        };
        SupabaseRest.Answer answer = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call)).get();
        if (!answer.ok()) {
            throw new SupabaseUnavailableException(answer.reason());
        }
        if (answer.body() == null || !answer.body().isArray()) {
            throw new SupabaseUnavailableException("unexpected answer: not a JSON array of rows");
        }
        return answer.body();
    }

    private static Profile profile(JsonNode row) {
        try {
            return new Profile(UUID.fromString(row.path("id").asText()), text(row, "email"), text(row, "first_name"),
                    text(row, "last_name"), text(row, "user_type"), text(row, "plan"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
