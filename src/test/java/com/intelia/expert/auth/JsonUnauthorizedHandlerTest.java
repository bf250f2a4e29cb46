package com.intelia.expert.auth;

import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The answer to the one refusal that is not the token's fault, which the HTTP matrix cannot provoke on demand. */
class JsonUnauthorizedHandlerTest {

    private final JsonUnauthorizedHandler handler = new JsonUnauthorizedHandler();

    @Test
    void signingKeysThatCannotLoadAre503WithRetryAfterAndNoChallenge() {
        Response response = handler.buildResponse("Bearer", BearerTokenFilter.REALM, TokenRefusal.KEYS_UNAVAILABLE);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("60");
        assertThat(response.getHeaderString("WWW-Authenticate")).isNull();
        assertThat(((ErrorMessage) response.getEntity()).getMessage())
                .isEqualTo("cannot load the Supabase project signing keys now, try again");
    }
}
