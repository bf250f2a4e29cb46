package com.intelia.expert.directory;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.intelia.expert.api.DatabaseStatus;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Remembers what a directory said about each user_id, so that pages of statistics do not ask Supabase again
 * for names they just showed. Ids asked at the same time by several requests are fetched once, and the ids
 * of one lookup that are not cached are fetched together in one call. Apart from the cache, the last answer the
 * directory gave about each id is kept with its age (at most {@link #LAST_ANSWER_RETENTION}), for the admin role
 * while the directory cannot answer.
 */
public final class CachingUserDirectory implements UserDirectory {

    /** How long the last found or missing answer about an id is kept for {@link #lastAnswer}. */
    public static final Duration LAST_ANSWER_RETENTION = Duration.ofHours(24);

    private static final long MAXIMUM_ENTRIES = 100_000;

    private final UserDirectory directory;
    private final Ticker ticker;
    private final AsyncCache<UUID, ProfileLookup> cache;
    private final Cache<Boolean, PlanCounts> plans;
    private final Cache<UUID, Answered> lastAnswers;

    /** A found or missing answer and when the directory gave it, in the ticker's nanoseconds. */
    private record Answered(ProfileLookup lookup, long atNanos) {
    }

    /** Found profiles are kept foundTtl, missing ones missingTtl; unavailable answers are never kept. */
    public CachingUserDirectory(UserDirectory directory, Duration foundTtl, Duration missingTtl, Ticker ticker) {
        this.directory = directory;
        this.ticker = ticker;
        this.lastAnswers = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(LAST_ANSWER_RETENTION)
                .maximumSize(MAXIMUM_ENTRIES).build();
        this.plans = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(foundTtl).maximumSize(1).build();
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(MAXIMUM_ENTRIES)
                .expireAfter(new LookupExpiry(foundTtl.toNanos(), missingTtl.toNanos()))
                .recordStats()
                .buildAsync();
    }

    @Override
    public Map<UUID, ProfileLookup> lookup(Collection<UUID> userIds) {
        Set<UUID> ids = new LinkedHashSet<>(userIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        // The uncached ids reach the loader together; ids another thread is loading are joined, not asked again.
        Map<UUID, ProfileLookup> cached = cache.getAll(ids,
                (uncached, executor) -> CompletableFuture.completedFuture(load(uncached))).join();
        Map<UUID, ProfileLookup> result = new LinkedHashMap<>();
        for (UUID id : ids) {
            ProfileLookup lookup = cached.get(id);
            result.put(id, lookup != null ? lookup : ProfileLookup.unavailable(id, "the directory gave no answer"));
        }
        return result;
    }

    /** Kept as long as a found profile; an unavailable answer is not kept. */
    @Override
    public PlanCounts planCounts() {
        PlanCounts cached = plans.getIfPresent(Boolean.TRUE);
        if (cached != null) {
            return cached;
        }
        PlanCounts counts = directory.planCounts();
        if (counts.available()) {
            plans.put(Boolean.TRUE, counts);
        }
        return counts;
    }

    /**
     * The last found or missing answer the directory itself gave about this id (not a cached copy) if it is at most
     * maxAge old; empty when there is none that recent. The answers of {@link #lookup} never come from here: only a
     * caller that knows what a stale answer is worth (the admin role during an outage) asks for it.
     */
    public Optional<ProfileLookup> lastAnswer(UUID id, Duration maxAge) {
        Answered answered = lastAnswers.getIfPresent(id);
        if (answered == null || ticker.read() - answered.atNanos() > maxAge.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(answered.lookup());
    }

    /** Not cached: only the orphan audit asks by e-mail. */
    @Override
    public ProfileLookup lookupByEmail(String email) {
        return directory.lookupByEmail(email);
    }

    @Override
    public DatabaseStatus health() {
        return directory.health();
    }

    /** Forgets what was said about one id (a profile just created or changed). */
    public void invalidate(UUID id) {
        cache.synchronous().invalidate(id);
        lastAnswers.invalidate(id);
    }

    /** Forgets every answer, so that the next lookups ask the directory again. */
    public void invalidateAll() {
        plans.invalidateAll();
        cache.synchronous().invalidateAll();
        lastAnswers.invalidateAll();
    }

    /** Hits, misses and evictions since start; a joined in-flight request counts as a hit. */
    public CacheStats stats() {
        return cache.synchronous().stats();
    }

    public double hitRate() {
        return stats().hitRate();
    }

    public long size() {
        return cache.synchronous().estimatedSize();
    }

    private Map<UUID, ProfileLookup> load(Set<? extends UUID> uncached) {
        Map<UUID, ProfileLookup> loaded = new LinkedHashMap<>();
        try {
            Map<UUID, ProfileLookup> answers = directory.lookup(Set.copyOf(uncached));
            long now = ticker.read();
            for (UUID id : uncached) {
                ProfileLookup answer = answers.get(id);
                loaded.put(id, answer != null ? answer : ProfileLookup.unavailable(id, "the directory gave no answer"));
                if (answer != null && answer.status() != ProfileLookup.Status.UNAVAILABLE) {
                    lastAnswers.put(id, new Answered(answer, now));
                }
            }
        } catch (RuntimeException e) {
            String reason = "directory failed (" + e.getClass().getSimpleName() + ")";
            uncached.forEach(id -> loaded.put(id, ProfileLookup.unavailable(id, reason)));
        }
        return loaded;
    }

    /** FOUND for minutes, MISSING for seconds, UNAVAILABLE not at all (it expires as soon as it is answered). */
    private record LookupExpiry(long foundNanos, long missingNanos) implements Expiry<UUID, ProfileLookup> {

        @Override
        public long expireAfterCreate(UUID id, ProfileLookup lookup, long currentTime) {
            return switch (lookup.status()) {
                case FOUND -> foundNanos;
                case MISSING -> missingNanos;
                case UNAVAILABLE -> 0;
            };
        }

        @Override
        public long expireAfterUpdate(UUID id, ProfileLookup lookup, long currentTime, long currentDuration) {
            return expireAfterCreate(id, lookup, currentTime);
        }

        @Override
        public long expireAfterRead(UUID id, ProfileLookup lookup, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
