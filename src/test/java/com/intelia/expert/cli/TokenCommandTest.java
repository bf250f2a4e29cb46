package com.intelia.expert.cli;

import com.intelia.expert.support.CliRunner;
import com.intelia.expert.support.TestDatabase;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * token --admin: a development token for a user made admin in the local directory, alone on standard output; refused
 * where it cannot work.
 */
class TokenCommandTest {

    private final TestDatabase database = TestDatabase.empty();
    private final UUID user = UUID.randomUUID();

    private CliRunner.Result token(Map<String, String> extra, String... options) {
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("JWT_SECRET", "token-command-test-secret-0123456789abcdef");
        env.putAll(extra);
        String[] arguments = new String[4 + options.length];
        arguments[0] = "token";
        arguments[1] = "config.yml";
        arguments[2] = "--user";
        arguments[3] = user.toString();
        System.arraycopy(options, 0, arguments, 4, options.length);
        return CliRunner.run(env, arguments);
    }

    @Test
    void adminMakesTheUserAnAdminInTheLocalDirectoryAndPrintsTheirToken() throws Exception {
        CliRunner.Result result = token(Map.of(), "--admin", "--email", "boss@example.com");

        assertThat(result.success()).as(result.output()).isTrue();
        // TOKEN=$(... token ...): standard output is the token alone, the migration's progress went elsewhere
        assertThat(result.stdout().lines()).as(result.stdout()).hasSize(1);
        String jwt = result.stdout().trim();
        assertThat(SignedJWT.parse(jwt).getJWTClaimsSet().getSubject()).isEqualTo(user.toString());
        assertThat(database.value("SELECT user_type FROM local_user_profiles WHERE id = '" + user + "'"))
                .isEqualTo("admin");
    }

    @Test
    void adminIsRefusedWhenProfilesComeFromSupabase() {
        CliRunner.Result result = token(Map.of("SUPABASE_URL", "https://abcd.supabase.co", "SUPABASE_KEY", "anon",
                "SUPABASE_SERVICE_KEY", "service"), "--admin");

        assertThat(result.success()).isFalse();
        assertThat(result.stderr()).contains("public.users");
    }

    @Test
    void theTokenCarriesTheIssuerTheServiceRequires() throws Exception {
        CliRunner.Result result = token(Map.of("SUPABASE_JWT_ISSUER", "https://abcd.supabase.co/auth/v1"));

        assertThat(result.success()).as(result.output()).isTrue();
        assertThat(SignedJWT.parse(result.stdout().trim()).getJWTClaimsSet().getIssuer())
                .isEqualTo("https://abcd.supabase.co/auth/v1");
    }
}
