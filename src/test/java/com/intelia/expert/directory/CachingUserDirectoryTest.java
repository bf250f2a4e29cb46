package com.intelia.expert.directory;

import com.intelia.expert.api.DatabaseStatus;
import com.intelia.expert.directory.ProfileLookup.Status;
import com.intelia.expert.support.ManualTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The profile cache over a directory that records what it was asked. */
class CachingUserDirectoryTest {

    private final UUID marie = UUID.randomUUID();
    private final UUID paul = UUID.randomUUID();
    private final UUID orphan = UUID.randomUUID();
    private final ManualTime time = new ManualTime();
    private final RecordingDirectory directory = new RecordingDirectory(Set.of(marie, paul));
    private final CachingUserDirectory cache =
            new CachingUserDirectory(directory, Duration.ofMinutes(5), Duration.ofSeconds(30), time);

    /** Knows some ids, answers the others missing, or everything unavailable when told to. */
    private static final class RecordingDirectory implements UserDirectory {
        private final Set<UUID> known;
        private final List<Set<UUID>> calls = new CopyOnWriteArrayList<>();
        private volatile boolean down;
        private volatile CountDownLatch gate = new CountDownLatch(0);

        RecordingDirectory(Set<UUID> known) {
            this.known = known;
        }

        @Override
        public Map<UUID, ProfileLookup> lookup(Collection<UUID> userIds) {
            calls.add(new HashSet<>(userIds));
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<UUID, ProfileLookup> result = new LinkedHashMap<>();
            for (UUID id : userIds) {
                result.put(id, down ? ProfileLookup.unavailable(id, "timeout")
                        : known.contains(id) ? ProfileLookup.found(new Profile(id, id + "@ferme.fr", "Marie", null, "user", null))
                        : ProfileLookup.missing(id));
            }
            return result;
        }

        @Override
        public ProfileLookup lookupByEmail(String email) {
            return ProfileLookup.missing(null);
        }

        @Override
        public DatabaseStatus health() {
            return DatabaseStatus.healthy(1.0);
        }
    }

    @Test
    void aSecondLookupOfTheSameIdsAsksNobody() {
        cache.lookup(List.of(marie, orphan));

        Map<UUID, ProfileLookup> again = cache.lookup(List.of(marie, orphan));

        assertThat(directory.calls).hasSize(1);
        assertThat(again.get(marie).status()).isEqualTo(Status.FOUND);
        assertThat(again.get(orphan).status()).isEqualTo(Status.MISSING);
        assertThat(cache.hitRate()).isEqualTo(0.5);
    }

    @Test
    void onlyTheUncachedIdsOfALookupAreAskedAndInOneCall() {
        cache.lookup(List.of(marie));
        UUID other = UUID.randomUUID();

        Map<UUID, ProfileLookup> result = cache.lookup(List.of(marie, paul, orphan, other));

        assertThat(directory.calls).containsExactly(Set.of(marie), Set.of(paul, orphan, other));
        assertThat(result).containsOnlyKeys(marie, paul, orphan, other);
    }

    @Test
    void missingProfilesAreForgottenSoonerThanFoundOnes() {
        cache.lookup(List.of(marie, orphan));

        time.advance(Duration.ofSeconds(31));
        cache.lookup(List.of(marie, orphan));
        time.advance(Duration.ofMinutes(5));
        cache.lookup(List.of(marie, orphan));

        assertThat(directory.calls).containsExactly(Set.of(marie, orphan), Set.of(orphan), Set.of(marie, orphan));
    }

    @Test
    void unavailableAnswersAreNeverCached() {
        directory.down = true;
        assertThat(cache.lookup(marie).status()).isEqualTo(Status.UNAVAILABLE);
        directory.down = false;

        assertThat(cache.lookup(marie).status()).isEqualTo(Status.FOUND);
        assertThat(directory.calls).hasSize(2);
    }

    @Test
    void invalidateAllMakesTheNextLookupAskAgain() {
        cache.lookup(List.of(marie));

        cache.invalidateAll();
        cache.lookup(List.of(marie));

        assertThat(directory.calls).hasSize(2);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aFailingDirectoryMakesIdsUnavailableNotTheCallerFail() {
        UserDirectory broken = new UserDirectory() {
            @Override
            public Map<UUID, ProfileLookup> lookup(Collection<UUID> userIds) {
                throw new IllegalStateException("boom");
            }

            @Override
            public ProfileLookup lookupByEmail(String email) {
                throw new IllegalStateException("boom");
            }

            @Override
            public DatabaseStatus health() {
                return DatabaseStatus.unhealthy(0, "boom");
            }
        };
        CachingUserDirectory cached = new CachingUserDirectory(broken, Duration.ofMinutes(5), Duration.ofSeconds(30), time);

        ProfileLookup lookup = cached.lookup(marie);

        assertThat(lookup.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(cached.health().error()).isEqualTo("boom");
    }

    @Test
    void concurrentLookupsOfTheSameUncachedIdMakeOneCall() throws Exception {
        int threads = 8;
        directory.gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ProfileLookup>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> cache.lookup(marie)));
            }
            // every thread has asked the cache (a joined in-flight load counts as a request) before the load ends
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (cache.stats().requestCount() < threads && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            directory.gate.countDown();

            for (Future<ProfileLookup> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.FOUND);
            }
            assertThat(directory.calls).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theLastAnswerOutlivesTheCacheForTheAgeAsked() {
        cache.lookup(marie);
        time.advance(Duration.ofMinutes(10));
        directory.down = true;

        assertThat(cache.lookup(marie).status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(cache.lastAnswer(marie, Duration.ofMinutes(15))).map(ProfileLookup::status).contains(Status.FOUND);
        time.advance(Duration.ofMinutes(6));
        assertThat(cache.lastAnswer(marie, Duration.ofMinutes(15))).isEmpty();
    }

    @Test
    void theLastAnswerIsAgedFromTheDirectorysAnswerNotFromCacheHits() {
        cache.lookup(marie);
        time.advance(Duration.ofMinutes(4));
        cache.lookup(marie); // served by the cache: not a new answer
        time.advance(Duration.ofMinutes(12));

        assertThat(directory.calls).hasSize(1);
        assertThat(cache.lastAnswer(marie, Duration.ofMinutes(17))).isPresent();
        assertThat(cache.lastAnswer(marie, Duration.ofMinutes(15))).isEmpty();
    }

    @Test
    void anUnavailableAnswerNeverReplacesTheLastOne() {
        cache.lookup(orphan);
        directory.down = true;
        time.advance(Duration.ofMinutes(1));
        cache.lookup(orphan);

        assertThat(cache.lastAnswer(orphan, Duration.ofMinutes(15))).map(ProfileLookup::status).contains(Status.MISSING);
    }

    @Test
    void clearingTheCachesForgetsTheLastAnswersToo() {
        cache.lookup(List.of(marie, paul));

        cache.invalidate(marie);
        assertThat(cache.lastAnswer(marie, Duration.ofMinutes(15))).isEmpty();
        assertThat(cache.lastAnswer(paul, Duration.ofMinutes(15))).isPresent();
        cache.invalidateAll();
        assertThat(cache.lastAnswer(paul, Duration.ofMinutes(15))).isEmpty();
    }
}
