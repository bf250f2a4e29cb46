package com.intelia.expert.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.intelia.expert.auth.AccessTokenVerifier;
import com.intelia.expert.auth.AdminRoles;
import com.intelia.expert.auth.SigningKeys;
import com.intelia.expert.directory.CachingUserDirectory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How access tokens are verified beyond the HS256 JWT secret: whether the project's asymmetric signing keys
 * (ES256/RS256, from its JWKS) are accepted and from where, the issuer to require, and the clock leeway; and how
 * long the last known admin role stands in while the user directory cannot answer.
 */
public class AuthFactory {

    /** Supabase Auth under the project's URL; its tokens' iss is SUPABASE_URL + AUTH_PATH. */
    static final String AUTH_PATH = "/auth/v1";
    static final String JWKS_PATH = AUTH_PATH + "/.well-known/jwks.json";

    /** Accept ES256/RS256 tokens signed with the keys at jwksUrl, or else at SUPABASE_URL + JWKS_PATH. */
    @JsonProperty private boolean jwks = true;
    @JsonProperty private String jwksUrl;
    /** When set, the iss claim must equal it, e.g. https://abcd.supabase.co/auth/v1. */
    @JsonProperty private String issuer;
    @JsonProperty @NotNull @MinDuration(0) @MaxDuration(value = 5, unit = TimeUnit.MINUTES)
    private Duration leeway = Duration.seconds(60);
    @JsonProperty @NotNull @MinDuration(value = 2, unit = TimeUnit.MINUTES) @MaxDuration(value = 10, unit = TimeUnit.MINUTES)
    private Duration jwksCacheTime = Duration.minutes(5);
    /**
     * While the user directory cannot answer, a user's admin role is the directory's last answer if it is at most
     * this old; past it, requests that depend on the role get 503 "cannot check the admin role now, try again".
     * 0 turns it off; at most 24 hours (CachingUserDirectory.LAST_ANSWER_RETENTION).
     */
    @JsonProperty @NotNull @MinDuration(0) @MaxDuration(value = 24, unit = TimeUnit.HOURS)
    private Duration adminRoleGrace = Duration.minutes(15);

    public AccessTokenVerifier build(String jwtSecret, SupabaseFactory supabase) {
        return new AccessTokenVerifier(jwtSecret,
                jwksUrl(supabase).map(url -> SigningKeys.remote(url, java.time.Duration.ofMillis(jwksCacheTime.toMilliseconds()))),
                Optional.ofNullable(issuer).map(String::trim).filter(value -> !value.isEmpty()),
                java.time.Duration.ofMillis(leeway.toMilliseconds()));
    }

    /**
     * The iss of tokens this service mints (DevelopmentTokens): the issuer required (SUPABASE_JWT_ISSUER) when set,
     * else SUPABASE_URL/auth/v1 as Supabase Auth writes it, else none.
     */
    public Optional<String> tokenIssuer(SupabaseFactory supabase) {
        if (isSet(issuer)) {
            return Optional.of(issuer.trim());
        }
        return supabase.isConfigured() ? Optional.of(projectUrl(supabase) + AUTH_PATH) : Optional.empty();
    }

    /** The admin role over this directory, with the configured grace. */
    public AdminRoles adminRoles(CachingUserDirectory directory) {
        return new AdminRoles(directory, java.time.Duration.ofMillis(adminRoleGrace.toMilliseconds()));
    }

    /** The JWKS address, or empty when asymmetric tokens are not accepted (off, or no SUPABASE_URL). */
    public Optional<URL> jwksUrl(SupabaseFactory supabase) {
        if (!jwks) {
            return Optional.empty();
        }
        String address = isSet(jwksUrl) ? jwksUrl.trim()
                : supabase.isConfigured() ? projectUrl(supabase) + JWKS_PATH : null;
        if (address == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(address).toURL());
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new IllegalStateException("the JWKS address is not a URL (auth.jwksUrl or SUPABASE_URL)", e);
        }
    }

    /** SUPABASE_URL without a trailing slash. */
    private static String projectUrl(SupabaseFactory supabase) {
        return stripTrailingSlash(supabase.getUrl().trim());
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    public boolean isJwks() { return jwks; }
    public String getJwksUrl() { return jwksUrl; }
    public String getIssuer() { return issuer; }
    public Duration getLeeway() { return leeway; }
    public Duration getJwksCacheTime() { return jwksCacheTime; }
    public Duration getAdminRoleGrace() { return adminRoleGrace; }
    public void setAdminRoleGrace(Duration adminRoleGrace) { this.adminRoleGrace = adminRoleGrace; }
}
