package com.intelia.expert.config;

import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the signing keys are read from, as config.yml's auth section and SUPABASE_URL decide it. */
class AuthFactoryTest {

    private static AuthFactory auth(Map<String, Object> values) {
        return Jackson.newObjectMapper().convertValue(values, AuthFactory.class);
    }

    private static SupabaseFactory supabase(String url) {
        SupabaseFactory supabase = new SupabaseFactory();
        supabase.setUrl(url);
        return supabase;
    }

    @Test
    void theKeysComeFromTheSupabaseProjectByDefault() {
        assertThat(auth(Map.of()).jwksUrl(supabase("https://abcd.supabase.co/")).map(Object::toString))
                .contains("https://abcd.supabase.co/auth/v1/.well-known/jwks.json");
    }

    @Test
    void anExplicitJwksUrlWins() {
        assertThat(auth(Map.of("jwksUrl", "http://localhost:9999/keys")).jwksUrl(supabase("https://abcd.supabase.co"))
                .map(Object::toString)).contains("http://localhost:9999/keys");
    }

    @Test
    void withoutSupabaseUrlOrWhenTurnedOffOnlyHs256IsAccepted() {
        assertThat(auth(Map.of()).jwksUrl(supabase(""))).isEmpty();
        assertThat(auth(Map.of("jwks", false)).jwksUrl(supabase("https://abcd.supabase.co"))).isEmpty();
    }

    @Test
    void aJwksUrlThatIsNotAUrlStopsStartUp() {
        assertThatThrownBy(() -> auth(Map.of("jwksUrl", "not a url")).jwksUrl(supabase("")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("auth.jwksUrl");
    }
}
