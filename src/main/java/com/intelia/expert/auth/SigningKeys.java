package com.intelia.expert.auth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import java.net.URL;
import java.time.Duration;

/**
 * The Supabase project's public signing keys (its JWKS), fetched over HTTP and cached as Supabase asks:
 * kept at most the cache time (10 minutes at most), and refetched when a token names an unknown kid, at most
 * once per minute so that a stream of forged kids cannot turn into a stream of requests to Supabase.
 */
public final class SigningKeys {

    /** Unknown kids trigger at most one refetch per interval (the first fetch of an interval is free). */
    public static final Duration REFETCH_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MAX_CACHE_TIME = Duration.ofMinutes(10);

    private static final int TIMEOUT_MILLIS = 2_000;
    private static final int SIZE_LIMIT_BYTES = 64 * 1024;

    private SigningKeys() {
    }

    public static JWKSource<SecurityContext> remote(URL jwksUrl, Duration cacheTime) {
        if (cacheTime.compareTo(REFETCH_INTERVAL) <= 0 || cacheTime.compareTo(MAX_CACHE_TIME) > 0) {
            throw new IllegalArgumentException("the JWKS cache time must be over 1 minute and at most 10 minutes");
        }
        return JWKSourceBuilder.<SecurityContext>create(jwksUrl,
                        new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT_BYTES))
                .cache(cacheTime.toMillis(), TIMEOUT_MILLIS)
                .refreshAheadCache(false)
                .rateLimited(REFETCH_INTERVAL.toMillis())
                .build();
    }
}
